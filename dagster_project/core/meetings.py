"""Is a report about a meeting, and which: date, organ, series, session, chair, level, place, people.

Rules follow ANNOTATION.md §1. Everything works on a document's title and cleaned body.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .lexicon import (MUNICIPALITIES, Division, division_codes, division_of_address, divisions, divisions_by_short, leaders,
                      municipal_district_shorts, places, prefectures_by_short, surnames)
from .numerals import CN_NUMERAL, cn_to_int
from .terms import segmenter

_N = f"[{CN_NUMERAL}\\d]+"
_CJK = "\u4e00-\u9fff"

# Words that make a meeting of a report: 会议, 常务会议, 例会, 座谈会, 集体学习, 民主生活会…
# A commemoration, celebration or award rally (纪念辛亥革命110周年大会, 庆祝…成立70周年大会, …表彰大会, 国家科学技术奖励大会, 全国双拥模范城（县）命名大会) is a
# gathering a body convenes too, as is a campaign's or a committee's 总结会 (…专家咨询委员会阶段性总结大会), and so are the
# CPPCC's New Year 茶话会, the Party Centre's and State Council's Spring Festival 团拜会, the central lecture group's 报告会
# and the National Day 招待会 (all 19 blind labels of such reports, by three labellers; not an embassy's abroad), the
# publicity department's 系列报告会 (“展望十三五”系列报告会在京举行: both blind labels), and a study group's sitting
# (市委理论学习中心组2019年第3次集体（扩大）学习会 · 市人大常委会党组中心组集中学习会: local reports' labels).
# 第十次全国归侨侨眷代表大会 · 中国法学会第八次全国会员代表大会 : a people's organisation's national congress, named
# after its members (kept out of meetings' names, as the other congresses are: …代表大会筹备工作会议 is that meeting)
# (全国工商联第十一次会员代表大会闭幕: both blind labels)
MEMBERS_CONGRESS = r"(?<=次)全国[\u4e00-\u9fff]{2,8}?代表大会|全国会员代表大会|(?<=[次届])会员代表大会"
# (a local committee's plenum by its ordinal: 中共吉安市委三届十三次全会, not the Centre's 三中全会, named with 中; a
# command centre's 会商会: 市防汛抗旱指挥部汛情会商会)
MEETING_WORD = re.compile(r"会议|例会|座谈会|常委会|集体学习|民主生活会|联席会|办公会|推进会|调度会|部署会|动员会|动员大会|推进大会|视频会|电视电话会|全体会|专题会|干部大会|闭幕会|开幕会|"
                          r"(?<=[一二三四五六七八九十]次)全会|会商会|"
                          r"(?<=[\d〇零一二三四五六七八九十百])周年大会|纪念大会|庆祝大会|表彰大会|表彰会|奖励大会|命名大会|专题讲座|专题学习|全国代表大会|全盟代表大会|列席代表座谈|"
                          r"协商会|交办会|务虚会|汇报会|(?<=经验|工作|思想|精神|现场)交流会|现场会|理事大会|总结大会|总结会(?![议谈见晤])|"
                          r"(?<=中心组)学习会|(?<=集中|集体)学习会|(?<=扩大）)学习会|茶话会|团拜会|(?<=宣讲团)报告会|(?<=宣讲团首场)报告会|(?<=系列)报告会|(?<=国庆)招待会|(?<=周年)招待会|" + MEMBERS_CONGRESS)
# Convening verbs near a meeting word: 召开会议 · 主持召开 · 举行第二次全体会议 · 例会日前在北京召开
CONVENED = re.compile(rf"(召开|举行|主持)[^。]{{0,40}}?({MEETING_WORD.pattern})|({MEETING_WORD.pattern})[^。]{{0,25}}?(召开|举行|开幕|闭幕)")
# Not a meeting report though a meeting may be named: guests, calls, letters, inspections, commentary,
# study pieces, features and round-ups; deputies arriving for a session (出席十二届全国人大二次会议的代表抵京,
# 全国政协委员今起集中向大会报到: both blind labels); a rally held with an inauguration (庆祝香港回归祖国20周年大会暨香港
# 特别行政区第五届政府就职典礼隆重举行: a ceremony, to all three blind labellers of such reports); leaders visiting a session's
# members (…分别看望出席全国政协十二届二次会议委员并参加讨论: 15 of 18 blind labels of 看望…委员 reports none).
# (纪律检查委员会 is a body, not an inspection, nor is a 执法检查组 meeting in plenary; a communiqué's 单行本 or 《…》外文版出版 is a book, and 《求是》杂志发表…讲话
# an article, not the meeting)
NOT_MEETING_TITLE = re.compile(
    r"会见|会谈|看望|通电话|通话|致电|致信|贺信|贺电|复信|回信|考察|调研(?!协商)|视察|(?<!纪律)检查(?!组[^，。]{0,10}全体会议|报告)|慰问|专访|访谈|单行本|》[^，。]{0,8}出版(?:发行)?$|杂志发表|播发[^，。]{0,60}上的(?:重要)?(?:工作)?(?:报告|讲话)|通讯[：:]|长篇通讯|欢迎仪式|仪式欢迎|宣誓仪式|深受鼓舞|精神为指引|"
    r"快评|评论|述评|锐评|短评|时评|社论|社评|观察|综述|快讯|热议|反响|高度评价|积极评价|解读|答记者问|上的(?:重要)?讲话公开发表|开幕式并发表[^，。]{0,6}演讲|发表主旨(?:演讲|讲话)|"
    r"新闻特写|特别报道|纪实|巡礼|一线|聚焦|风采|故事|新闻发布会|记者会|发布会|吹风会|批示(?!精神)|指示(?!精神)|采访|将于|将在|即将|预告|直播|"
    r"将(?:隆重)?举行|将出席|演练|贺辞|(?:代表|委员)[^，。\s]{0,6}抵京|(?:向大会|全部|陆续)报到|暨[^，。\s]{2,30}就职典礼|祝贺[^，。]{0,40}(?:召开|开幕|成立)|^在[^，。]{2,60}上的(?:政治)?报告$|^在[^，。]{2,60}上的(?:重要)?讲话$"
)
# Study pieces (学习贯彻…精神) are not meeting reports, unless the title says a meeting was convened
# to study it: 学习贯彻…精神中央宣讲团动员会在京召开 is a meeting.
STUDY_TITLE = re.compile(r"学习贯彻|贯彻落实|(?<!召开)(?<!举行)(?:部署|积极|全面)落实[^，。\s]{2,40}?会议精神$|深入学习|认真学习|传达学习|精神(?:在|引发)|宣讲(?!团)")
# 学习贯彻…精神中央宣讲团动员会在京召开 · 王沪宁在学习贯彻…精神中央宣讲团动员会上要求 : a meeting named for what it
# studies, convened or spoken at (not a study of a speech given at one: 学习贯彻…在…会上的重要讲话精神)
STUDY_MEETING = re.compile(rf"(?:学习贯彻|贯彻落实|深入学习)[^，。]{{2,40}}?精神[^，。\s上的]{{0,16}}?(?:{MEETING_WORD.pattern})"
                           rf"(?:在[{_CJK}]{{1,6}}?(?:召开|举行)|(?:召开|举行)|上(?:强调|指出|讲话|要求|表示))")
# 蔡奇出席深入学习贯彻…重要讲话精神专题会议并讲话 : a leader at a meeting held to study something
ATTENDED = re.compile(rf"出席[^。，]{{0,60}}?(?:{MEETING_WORD.pattern})(?:并|$)")
BODY_STUDIES = re.compile(rf"[{_CJK}]{{2,24}}?(?:党组|党委|常委会)(?:专题|集体)?(?:学习|传达)")
SPOKE_AT = re.compile(rf"在[^，。]{{2,40}}?(?:{MEETING_WORD.pattern}|全会|大会)(?:上|时)(?:强调|指出|发表|讲话|表示|要求)")
TITLE_CONVENED = re.compile(rf"(?:召开|举行)[^。，]{{0,30}}?(?:{MEETING_WORD.pattern})|(?:{MEETING_WORD.pattern}|动员会|交流会)[^。，]{{0,12}}?(?:召开|举行)|全体会议公报")
# What a name read after its verb may open with and is no part of it: 召开了|…, 出席在北京召开的|…会议
_NAME_LEAD = re.compile(r"^(?:了|的|在[^，。]{0,20}?(?:召开|举行)的|在[^，。]{0,8}?)")
# 全国组织工作会议在京召开 : a title's phrase that is a meeting convened, and no more
PHRASE_CONVENED = re.compile(rf"[^，。]{{2,40}}?(?:{MEETING_WORD.pattern})(?:\d{{1,2}}日)?(?:在[{_CJK}]{{1,6}})?(?:召开|举行|开幕|闭幕)")
VISIT_TALK = re.compile(r"(?:考察|调研|视察)[^，。\s]{0,20}?并(?:主持)?召开(?P<name>[^，。\s]{0,30}?)座谈会")
INSTRUCTED = re.compile(rf"对[^，。]{{2,40}}?(?:{MEETING_WORD.pattern})作出(?:重要)?(?:指示|批示)")
# Meetings of foreign or international bodies: not a Chinese body's meeting.
INTERNATIONAL = re.compile(
    r"峰会|首脑|领导人会议|外长|联合国|二十国集团|G20|金砖|上合|上海合作组织|亚太经合|APEC|东盟|东亚|中日韩|"
    r"中非|中阿|中拉|中国—|中国-|博鳌|论坛|欧盟|北约|议会|(?<![建全])国会|总统|首相|伊斯兰合作组织|世卫|世界卫生|达沃斯|亚信|"
    r"(?:世界|国际(?![\u4e00-\u9fff]{0,3}节)|全球|双边|多边)[^，。]{0,12}?(?:会议|大会|峰会|论坛|会晤)|会晤|欧安|北约|非盟|阿盟|理事会会议|部长级|安理会|日内瓦|"
    # (a foreign situation, 叙利亚局势; not 就业局势总体平稳, 安全生产形势)
    r"(?:地区|国际|世界|中东|半岛|叙利亚|乌克兰|阿富汗|利比亚|伊朗|巴以|加沙|苏丹|海湾|南海|也门|缅甸|委内瑞拉)局势|"
    r"内阁|议长(?:会议|大会)|伊核|叙宪法委员会|区域全面经济伙伴关系(?:协定)?(?:新一轮|部长|领导人|谈判)|RCEP(?:部长|领导人)|万隆|雅尔塔|布雷顿森林|中东问题|法律协商组织|领导人第[^，。]{1,4}次会议|高级别(?:视频)?会议|“一带一路”[^，。]{0,8}部长|缔约方大会|亚投行|亚洲基础设施投资银行|战略与经济对话|慕尼黑|建交|世贸组织|世界贸易组织|WTO"
)
# A title that starts with a foreign state reports its meetings (日本召开内阁会议敲定新安保法案), not a Chinese body's.
FOREIGN_STATE = re.compile(
    r"^(?:\[[^\]]{1,6}\])?“?(?:美国|日本|韩国|朝鲜|俄罗斯|英国|法国|德国|意大利|西班牙|葡萄牙|希腊|荷兰|比利时|瑞士|瑞典|挪威|芬兰|丹麦|"
    r"波兰|奥地利|匈牙利|捷克|乌克兰|白俄罗斯|土耳其|伊朗|伊拉克|叙利亚|以色列|巴勒斯坦|黎巴嫩|约旦|沙特|也门|埃及|利比亚|苏丹|南非|"
    r"尼日利亚|肯尼亚|埃塞俄比亚|印度|巴基斯坦|阿富汗|孟加拉|斯里兰卡|尼泊尔|缅甸|泰国|越南|老挝|柬埔寨|马来西亚|新加坡|印度尼西亚|印尼|"
    r"菲律宾|蒙古|哈萨克斯坦|澳大利亚|新西兰|加拿大|墨西哥|巴西|阿根廷|智利|秘鲁|委内瑞拉|古巴|哥伦比亚|欧洲|非洲|中东|拉美"
    # a state by its one-character short form before its government's post: 叙临时总理主持召开内阁会议 · 日首相
    r"|[美日韩朝俄英法德意叙伊以埃印越泰菲缅老柬澳加墨巴阿乌土](?:临时|新任|代理)?(?:总统|总理|首相|政府|议会|内阁|国会|外长|防长))"
)
# A body China holds with another country (中俄投资合作委员会, 中哈合作委员会, 中新双边合作机制, 中国全国人大同俄
#议会合作委员会), co-chaired with the other side: not a Chinese body's meeting, though a Chinese leader presides.
BILATERAL = re.compile(
    r"共同主持|中(?:国[—-])?[俄美欧日韩朝以法德英意印巴蒙哈吉塔乌土越老柬缅泰新马菲澳加墨埃沙阿南芬委瑞荷比波捷匈希葡奥丹挪冰白塞智秘古肯尼]"
    r"[^，。\s]{0,12}?(?:合作|联合|双边|高级别|高层|政府间|议会|混合|顾问|企业家|执政党|媒体)[^，。\s]{0,10}?(?:委员会|联委会|机制|圆桌会议|企业家会议)"
    r"|中国(?:和|同|与)[^，。\s]{2,12}?(?:合作|联合|双边|议会)[^，。\s]{0,10}?(?:委员会|机制)"
    # (中墨企业家会议, 中美媒体圆桌会议: named with no word between)
    r"|^(?:\[[^\]]{1,6}\])?(?:[^，。\s]{0,12}?出席)?中[俄美欧日韩朝以法德英意印巴蒙哈吉塔乌土越老柬缅泰新马菲澳加墨埃沙阿南芬委瑞荷比波捷匈希葡奥丹挪冰白塞智秘古肯尼](?:企业家|媒体)[^，。\s]{0,4}?(?:会议|圆桌|峰会|论坛)"
)
# In a report's opening only the names of foreign bodies count (国际金融危机 is a Chinese meeting's topic).
FOREIGN_BODY = re.compile(r"峰会|首脑|领导人会议|外长|联合国|二十国集团|G20|金砖|上海合作组织|亚太经合|APEC|东盟|欧盟|北约|欧安|非盟|伊斯兰合作组织|世界卫生组织")
# 部分省区市…座谈会 · 部分省份… : a gathering of several provinces (not 部分省辖市, 部分省直单位: one province's)
SEVERAL_PROVINCES = re.compile(r"部分省(?:区|市|份|（|、)")
GREETED_DELEGATES = re.compile(r"(?:会见|接见)(?:出席)?(?P<name>(?:第[^，。\s]{1,4}次)?(?:全国|中国共产党全国)[^，。\s]{2,40}?(?:会议|表彰大会))(?:全体|与会)?代表")
# A leader presiding over a gathering is a meeting even on an inspection tour.
CHAIRED = re.compile(rf"主持(?:召开)?[^。，]{{0,30}}?({MEETING_WORD.pattern})")

# ---------------------------------------------------------------- series of central bodies

# (pattern on the meeting's name or first sentence, organ, series), most specific first.
# The NPC session's presidium and its executive chairpersons, and the NPC's special committees, meet
# apart from the session's plenaries: series of their own (十四届全国人大四次会议主席团举行第二次会议). A title
# naming one is about it, so the title is asked first (the name found in the text stops at the first 会议:
# 举行十四届全国人大四次会议|主席团常务主席第一次会议).
_NPC = r"(?:全国人大|全国人民代表大会)"
_CPPCC = r"(?:全国政协|政协全国委员会|政协第[^。，]{1,6}届全国委员会)"
NPC_BODIES: list[tuple[re.Pattern, str, str]] = [
    # 主席团常务主席第一次会议, 主席团举行第三次常务主席会议, 主席团举行常务主席第四次会议
    (re.compile(rf"{_NPC}[^。，]{{0,12}}主席团[^。，]{{0,8}}常务主席[^。，]{{0,10}}会议"), "全国人大会议主席团", "全国人大会议主席团常务主席会议"),
    (re.compile(rf"{_NPC}[^。，]{{0,12}}主席团[^。，]{{0,10}}会议"), "全国人大会议主席团", "全国人大会议主席团会议"),
    # the law committee before 2018, the constitution and law committee after
    *[(re.compile(rf"{_NPC}{c}委员会[^。，]{{0,16}}会议"), f"全国人大{c}委员会", f"全国人大{c}委员会全体会议")
      for c in ("民族", "宪法和法律", "法律", "监察和司法", "内务司法", "财政经济", "教育科学文化卫生", "外事", "华侨", "环境与资源保护", "农业与农村", "社会建设")],
    (re.compile(rf"{_CPPCC}[^。，]{{0,14}}主席团[^。，]{{0,8}}常务主席[^。，]{{0,10}}会议"), "全国政协会议主席团", "全国政协会议主席团常务主席会议"),
    # 赵乐际同全国人大常委会会议列席代表座谈 : the chairman meets the deputies who sit in on a session
    (re.compile(r"常委会会议列席代表座谈"), "全国人大常委会", "全国人大常委会列席代表座谈会"),
    (re.compile(rf"{_CPPCC}[^。，]{{0,14}}主席团[^。，]{{0,10}}会议"), "全国政协会议主席团", "全国政协会议主席团会议"),
]
# 中华人民共和国全国人民代表大会公告（第四号） : what a session elected or decided, announced
NPC_ANNOUNCEMENT = re.compile(r"全国人民代表大会公告")
SESSION_PRESIDIUM = re.compile(rf"{_N}届{_NPC}[^。，\s]{{1,4}}次会议主席团|{_CPPCC}[^。，\s]{{1,8}}次会议主席团")
# The bodies of NPC_BODIES whose meetings are numbered apart from the session they meet in: the ordinal
# is the one after the body's name (…四次会议主席团第二次会议 → 2; a committee's, where stated).
_OWN_ORDINAL_AFTER = {s: ("主席团" if "主席团" in s else "委员会") for _, _, s in NPC_BODIES}
# The NPC Standing Committee's lectures for its members (举行第五讲专题讲座, 履职学习专题讲座)
NPC_LECTURE = re.compile(r"全国人大常委会[^。，]{0,12}专题讲座")
# 受中共中央委托 石泰峰向党外人士通报中央经济工作会议精神 : the Party Centre's briefing of non-Party figures, a meeting of
# its own whatever meeting's spirit it conveys (4 of the 6 blind labels of such reports make it a meeting, the Party Centre's)
BRIEFING = re.compile(r"受中共中央委托[^。]{0,30}向党外人士通报")
CENTRAL_SERIES: list[tuple[re.Pattern, str, str]] = [
    # The NPCSC chairman's council's members' study sessions (委员长会议组成人员进行专题学习), a series of their own, as
    # the State Council's are; first, whatever other body the opening names (中央政治局…集体学习)
    (re.compile(r"委员长会议组成人员[^。，]{0,4}(?:专题|集体)学习"), "全国人大常委会", "全国人大常委会委员长会议组成人员专题学习"),
    (re.compile(r"国务院常务会议"), "国务院", "国务院常务会议"),
    (re.compile(r"国务院第[^。，]{1,5}次全体会议|国务院全体会议"), "国务院", "国务院全体会议"),
    (re.compile(r"政治局常务委员会会议|政治局常委会会议|政治局常务委员会[^。]{0,20}?召开会议|政治局常委会[^。]{0,20}?召开会议"), "中共中央政治局常务委员会", "中共中央政治局常务委员会会议"),
    (re.compile(r"政治局[^。]{0,20}集体学习"), "中共中央政治局", "中共中央政治局集体学习"),
    (re.compile(r"政治局[^。]{0,20}民主生活会"), "中共中央政治局", "中共中央政治局民主生活会"),
    (re.compile(r"中央军委[^。]{0,20}民主生活会"), "中央军委", "中央军委民主生活会"),  # (专题 or not, as the Politburo's)
    (re.compile(r"政治局[^。]{0,20}召开会议|政治局会议|中央政治局召开"), "中共中央政治局", "中共中央政治局会议"),
    (re.compile(r"中央全面深化改革委员会[^。]{0,12}会议"), "中央全面深化改革委员会", "中央全面深化改革委员会会议"),
    (re.compile(r"中央全面深化改革领导小组[^。]{0,12}会议"), "中央全面深化改革领导小组", "中央全面深化改革领导小组会议"),
    (re.compile(r"中央财经委员会[^。]{0,12}会议"), "中央财经委员会", "中央财经委员会会议"),
    (re.compile(r"中央财经领导小组[^。]{0,12}会议"), "中央财经领导小组", "中央财经领导小组会议"),
    (re.compile(r"中央外事工作委员会[^。]{0,12}会议"), "中央外事工作委员会", "中央外事工作委员会会议"),
    (re.compile(r"中央国家安全委员会[^。]{0,12}会议"), "中央国家安全委员会", "中央国家安全委员会会议"),
    # the NPC deputies' proposals handed to the departments (十二届全国人大四次会议代表建议、批评和意见交办会), which the
    # NPCSC's general office holds: not the session's
    (re.compile(r"代表建议、批评和意见交办会"), "全国人大常委会办公厅", "全国人大代表建议、批评和意见交办会"),
    # the Central Committee's and the Central Commission for Discipline Inspection's plenums (…第四次全体会议公报,
    # 十九届四中全会, 十九届中央纪委二次全会), after the Politburo's meetings that decide to convene them
    # (the short forms only where the report is about that plenum, 在…全会上发表, not where it studies its spirit
    # or a speech there: 学习贯彻党的十九届五中全会和中央经济工作会议精神 · 传达学习…在二十届中央纪委三次全会上的重要讲话精神)
    (re.compile(r"中国共产党第[^。，]{1,4}届中央委员会第[^。，]{1,4}次全体会议|届[一二三四五六七八九]中全会(?=上(?!的)|第|公报|在|于|举行|开幕|闭幕|召开|$)"),
     # (by the names most blind labels give them: organ 中共中央 5 of 9, series 中共中央委员会全体会议 5 of 9)
     "中共中央", "中共中央委员会全体会议"),
    (re.compile(r"中央纪律检查委员会第[^。，]{1,4}次全体会议|中央纪委[一二三四五六七八九]次全会(?=上(?!的)|第|公报|在|于|举行|开幕|闭幕|召开|$)"),
     "中共中央纪律检查委员会", "中共中央纪律检查委员会全体会议"),
    (re.compile(r"中央经济工作会议"), "中共中央、国务院", "中央经济工作会议"),
    (re.compile(r"中央农村工作会议"), "中共中央、国务院", "中央农村工作会议"),
    (re.compile(r"中央城市工作会议"), "中共中央、国务院", "中央城市工作会议"),
    (re.compile(r"中央金融工作会议|全国金融工作会议"), "中共中央、国务院", "中央金融工作会议"),
    (re.compile(r"中央外事工作会议"), "中共中央", "中央外事工作会议"),
    (re.compile(r"全国宣传部长会议"), "中共中央宣传部", "全国宣传部长会议"),
    # 中共中央、国务院隆重举行国家科学技术奖励大会 : the state's science awards, which the Centre and the State Council hold
    (re.compile(r"国家科学技术奖励大会"), "中共中央、国务院", "国家科学技术奖励大会"),
    (re.compile(r"货币政策委员会[^。]{0,30}例会"), "中国人民银行货币政策委员会", "中国人民银行货币政策委员会例会"),
    (re.compile(r"委员长会议"), "全国人大常委会", "全国人大常委会委员长会议"),
    # the State Council's study sessions (国务院第三次专题学习), as the Politburo's 集体学习
    (re.compile(r"国务院[^。，]{0,8}专题学习"), "国务院", "国务院专题学习"),
    # its lectures for its members (举行第五讲专题讲座), a series of their own, numbered by 讲
    (NPC_LECTURE, "全国人大常委会", "全国人大常委会专题讲座"),
    # A session's plenary, joint-group and group meetings are the session's (…常委会第十九次会议举行第二次全体会议),
    # not those of a group or committee it set up (全国人大常委会种子法执法检查组第一次全体会议)
    (re.compile(r"全国人大常委会[^。，]{0,16}次会议|全国人大常委会(?:(?!检查组|调研组|工作组|小组|委员会|党组)[^。，]){0,16}(?:全体会议|联组会议|分组会议)"
                # (not a local congress's: 区十六届人大常委会第44次会议)
                r"|(?<![省市区县州旗])(?<![省市区县州旗].届)(?<![省市区县州旗]..届)(?<![省市区县州旗]...届)人大常委会第[^。，]{1,6}次会议"),
     "全国人大常委会", "全国人大常委会会议"),
    *NPC_BODIES,
    # The NPC's session by its short name, as the committee's is (全国人大常委会会议; 13 of the 20 blind labels of a
    # session's sittings); its preparatory meeting is one of them (3 of 5 labels)
    (re.compile(r"全国人大[^。，常]{0,6}次会议|全国人民代表大会[^。，常]{0,10}次会议|全国人大[^。，常]{0,10}全体会议"), "全国人大", "全国人大会议"),
    (re.compile(r"全国政协[^。，]{0,12}双周协商座谈会"), "全国政协", "全国政协双周协商座谈会"),
    # 政协第十三届全国委员会第七次主席会议 · 全国政协第八十五次主席会议 (not the members' 主席会议成员务虚会)
    (re.compile(rf"{_CPPCC}[^。，]{{0,10}}主席会议(?!成员)"), "全国政协", "全国政协主席会议"),
    # (…and 政协十一届全国委员会常务委员会第十九次会议, with no 第; a title's 政协常委会第十九次会议)
    (re.compile(r"全国政协[^。，]{0,16}常委会[^。，]{0,8}会议|政协第?[^。，]{1,6}届全国委员会常务委员会[^。，]{0,12}会议"
                r"|^政协[^。，]{1,6}届常委会[^。，]{0,10}会议|^政协常委会[^。，]{0,10}会议"), "全国政协常委会", "全国政协常委会会议"),
    (re.compile(rf"{_CPPCC}[^。，常]{{0,12}}次会议|全国政协[^。，常]{{0,12}}全体会议"), "全国政协", "全国政协会议"),
    # (not 中央军委主席习近平出席会议; its conferences of one kind each, 中央军委党的建设会议, 中央军委军事工作会议,
    # are series of their own, named after themselves)
    (re.compile(r"中央军委(?:常务)?会议"), "中央军委", "中央军委会议"),
    # each round of central inspections opens with one (中央第十轮巡视工作动员部署会议), which the leading group holds
    (re.compile(r"中央(?:第[^。，]{1,4}轮)?巡视工作动员部署会"), "中央巡视工作领导小组", "中央巡视工作动员部署会议"),
]
# Bodies whose reports use a short name as well as the full one: the organ and its series go by the full one
FULL_NAME_OF = {"中央文明委": "中央精神文明建设指导委员会", "台盟": "台湾民主自治同盟", "民革": "中国国民党革命委员会", "民盟": "中国民主同盟",
                "民建": "中国民主建国会", "民进": "中国民主促进会", "农工党": "中国农工民主党", "致公党": "中国致公党",
                "国务院安委会": "国务院安全生产委员会", "共青团": "中国共产主义青年团", "中国文联": "中国文学艺术界联合会",
                "中国作协": "中国作家协会",
                # the Party Centre's departments (a chair's title, an opening: 中宣部部长 · 中央统战部部长)
                "中宣部": "中共中央宣传部", "中央宣传部": "中共中央宣传部", "中央统战部": "中共中央统战部", "中央组织部": "中共中央组织部",
                "中组部": "中共中央组织部"}
# A body's short name in a title, by the full name its opening gives (全国政协民宗委召开… | 全国政协民族和宗教委员会27日…;
# both blind labels): the name, and so the organ, take the full one
TITLE_FULL_NAMES = {"全国政协民宗委": "全国政协民族和宗教委员会", "全国政协专委会": "全国政协专门委员会",
                    "三峡工程建委会": "国务院三峡工程建设委员会"}
CENTRAL_ORGANS = ("国务院", "中共中央", "中央", "全国人大", "全国人民代表大会", "全国政协", "中国人民银行", "最高人民")

# The meeting's name where a convening verb names it: 主持召开市委新冠肺炎疫情防控工作第九次专题会议
# In a name, 常委会 is the body (十一届全国人大常委会第八十七次委员长会议), not the meeting.
# (a congress is named apart, CONGRESS: other meetings' reports often mention one to come)
_NAME_WORD = MEETING_WORD.pattern.replace("常委会|", "").replace("|全国代表大会|全盟代表大会|列席代表座谈", "").replace("|" + MEMBERS_CONGRESS, "")
# 九三学社第十次全国代表大会在京开幕 · 中国共产党第二十次全国代表大会
# A meeting's name: characters of a name, and quoted spans whole (“双随机、一公开”, “坚定文化自信，讲好中国故事”)
_NAME_CHAR = rf"[{_CJK}A-Za-z0-9（）·《》、]"
_NAME_QUOTE = r"“[^”。]{0,40}”"
# (台盟's is its 全盟代表大会: 台湾民主自治同盟第十一次全盟代表大会)
_CONGRESS_WITH_ANNIVERSARY = re.compile(r"(.+?(?:全国|全盟)代表大会)暨[^。，]{0,20}?(?:成立|纪念)[^。，]{0,20}?(?:纪念大会|周年大会)")
# (…and a people's organisation's, named after its members: 第十次全国归侨侨眷代表大会)
# (not from the leader who instructed it: 李克强对中国发明协会第七次全国会员代表大会作出重要批示, nor one who spoke at it:
# 习近平在中国文联第十一次全国代表大会…上强调)
CONGRESS = re.compile(rf"(?P<name>(?:(?![对在])[{_CJK}]){{2,20}}?(?:第{_N}次(?:全国|全盟)(?:会员)?|第{_N}[次届]会员)代表大会|(?<![{_CJK}])第{_N}次全国[{_CJK}]{{2,8}}?代表大会)")
# (a name does not end at the 主席会议 of its members' gathering, 全国政协主席会议成员务虚会, nor at the 会议 of a
# body's own name, 庆祝中国人民政治协商会议成立75周年大会)
# (…nor inside a book's title: 《习近平总书记在文艺工作座谈会上的重要讲话学习读本》出版座谈会)
_NAME_END = rf"(?:{_NAME_WORD})(?!成员)(?!(?<=政治协商会议)成立)(?!(?<=政治协商会)议成立)(?![^《》。，]*》)"
MEETING_NAME = re.compile(
    rf"(?:主持召开|召开了|召开|举行了|举行|出席)(?P<name>(?:{_NAME_CHAR}|{_NAME_QUOTE}){{0,45}}?{_NAME_END})"
)
# …or before it: 第四次全国对口支援新疆工作会议9月23日至24日在北京召开, …常委会第七次会议在京闭幕
NAME_BEFORE_VERB = re.compile(
    rf"(?P<name>(?:(?:{_NAME_CHAR}|{_NAME_QUOTE}){{0,45}}?{_NAME_QUOTE}(?:{_NAME_CHAR}|{_NAME_QUOTE}){{0,45}}?|{_NAME_CHAR}{{4,45}}?){_NAME_END})"
    r"(?:[^。，]{0,20}?)(?:召开|举行|闭幕|开幕)"
)
CHAIRED_BODY_MEETING = re.compile(rf"主持(?:召开)?(?P<name>[{_CJK}“”]{{2,30}}?(?:领导小组|委员会|工作组)(?:第{_N}次)?(?:全体)?会议)")
# Ordinals and dates inside a name that make it one meeting of a series. A games' or a fair's 届 is part of
# the body's name, not the meeting's ordinal: 第24届冬奥会工作领导小组 (not 十四届全国人大, 十九届中央).
_GAMES = r"[^。，]{0,8}?(?:奥运|冬奥|残奥|亚运|全运|运动会|奥林匹克|博览会|进博会|大运会|世博会|园博会|广交会)"
# (第三次全国国土调查, 第七次全国人口普查: the ordinal of a census, not of its meetings)
_CENSUS = r"(?![^。，]{0,20}?(?:普查|调查))"  # (as far as SESSION looks for the meeting word)
# (a season or year that dates one meeting of a series, where the name opens with it: 今冬明春北方地区保暖保供工作电视电话会议,
# 2016国家宪法日座谈会; not a target year, 2030可持续发展议程; 首次会议 is the first: 香港特别行政区维护国家安全委员会首次会议 →
# …委员会会议, 1, as its blind label)
_ORDINAL = re.compile(rf"^(?:19[4-9]\d|20[0-2]\d)(?!年)(?=[{_CJK}“《])|{_N}(?=周年[{_CJK}“”]*(?:大会|招待会))|（?总第{_N}次）?|第{_N}次{_CENSUS}|第{_N}轮|第?{_N}届(?!{_GAMES})|\d{{4}}年度?(?:第[一二三四]季度)?|(?<![\d年])第?[一二三四]季度|(?<=[协年])[上下]半年(?=宏观)|^(?:今冬明春|今冬|今春|今夏|今秋|今年)(?=[{_CJK}])|(?:[一二三四五六七八九十]+|\d{{1,4}})次(?=全体|会议|执委会议|常委会议|常委会会议|常务会议|主席会议|理事大会)|首场(?=报告会)|首次(?=(?:全体)?会议)")
# The meeting's ordinal, not its plenary's: 十四届全国人大一次会议举行第二次全体会议 → 1 (ANNOTATION.md:
# 第三十次会议举行第三次全体会议 → 30); a plenary ordinal only when nothing else is stated.
# (a count is no ordinal: 今年以来已召开12次常务会议 · 共举行了三次会议)
SESSION = re.compile(rf"总第(?P<total>{_N})次|第(?P<round>{_N})轮(?=[^。，]{{0,4}}(?:巡视|巡察))|第(?P<lecture>{_N})讲(?=[^。，]{{0,6}}讲座)|第(?P<nth>{_N})次{_CENSUS}(?=(?:(?!全体)[^。，]){{0,20}}?(?:会议|例会|座谈会|集体学习|专题学习|专题会|常委会|全国代表大会|全盟代表大会|侨眷代表大会|会员代表大会))|(?<![第总\d已共一二三四五六七八九十])(?<!已召开)(?<!共召开)(?<!已举行)(?<!共举行)(?<!计召开)(?<!后召开)(?<!召开了)(?<!举行了)(?P<bare>[一二三四五六七八九十]+|\d{{1,4}})次(?:执委|常委会?|常务|主席)?会议|(?<=届)(?P<plenum>[一二三四五六七八九十]+)次全会|(?P<first>首次)(?=(?:全体)?会议)")
PLENARY = re.compile(rf"第(?P<nth>{_N})次全体(?:成员)?(?:（扩大）|\(扩大\))?会议?")  # 全体会 : where _upto_meeting ended the sentence

# ---------------------------------------------------------------- people

# (主席团 is a body, not a title; a presidium meeting's 主持人 is one: …主席团会议主持人王沪宁主持会议)
TITLE_WORDS = (
    "总书记|国家主席|副主席|主席(?!团)|主持人|副总理|总理|副委员长|委员长|副书记|书记|副市长|市长|副省长|省长|区长|县长|州长|"
    "主任|部长|行长|院长|检察长|秘书长|组长|常委|委员|党组成员|局长|厅长|会长|政委|司令员|代市长|代省长|总指挥|指挥长|河长|林长"
)
# A title phrase: 中共中央总书记 · 国务院总理 · 市委书记 · 中国人民银行行长兼货币政策委员会主席
_TITLE = rf"(?P<title>[{_CJK}、，]{{0,40}}?(?:{TITLE_WORDS}))"
# (compiled once: Python's cache of compiled patterns is churned by the names each report brings, and these are long)
_TITLE_WORD = re.compile(rf"(?:{TITLE_WORDS})")
_TITLE_WORD_END = re.compile(rf"(?:{TITLE_WORDS})$")
_TITLE_OR_MEMBER_END = re.compile(rf"(?:{TITLE_WORDS}|成员)$")
_NO_NAME_WORD = re.compile(rf"会|部|厅|局|委|省|市|区|县|院|办|中央|政治局|主席团|草案|名单|{TITLE_WORDS}")
# Characters that end a name early: 葛巧红立即主持 → 葛巧红
_AFTER_NAME = set("在于同主出等和与立今日月及以对向率带前后上下到来就也又还都分再将并已召作讲指强要表说")
SPEECH_VERB = r"(?:在讲话中|在会上|在报告中|在讲话时|在主持会议时|在会议上|还|也|随后|最后|会上)?(?:强调|指出|要求|表示|提出|认为|说|建议|作工作部署|作部署|部署|讲话)"


def looks_like_person(cand: str) -> bool:
    """Is a run of characters before a speech verb a person's name: a leader, or two or three characters
    that jieba reads as one name, or that it does not know as a word and that start with a surname.
    努力增(强调) · 主要是 · 迫切(要求) · 这就(要求) · 常委们 are not; 李亦博 · 高云龙 · 刘国中 are."""
    if cand in leaders():
        return True
    if not 2 <= len(cand) <= 4 or cand.endswith("们") or "的" in cand:
        return False
    seg = segmenter(True)  # jieba's dictionary and the project's words, loaded once per process
    tags = seg.tag(cand)
    if len(tags) == 1 and tags[0][1].startswith("nr"):
        return True  # a name jieba knows or guesses: 信春鹰 · 李亦博
    if seg.has_word(cand):  # 迫切 · 形势 · 基本
        return False
    return cand[0] in surnames() or cand[:2] in surnames()


def _leader_ending(text: str, end: int) -> str | None:
    """A leader whose name ends at end: 艾力更·依明巴海副委员长主持 → 艾力更·依明巴海."""
    return next((n for n in leaders() if text.endswith(n, 0, end)), None)


def _leader_at(text: str, i: int) -> str | None:
    for n in (4, 3, 2):
        if text[i : i + n] in leaders():
            return text[i : i + n]
    return None


# A name with its middle dot (艾力更·依明巴海), and what may follow it (not 都 or 买, which such names hold)
# (or a hyphen for the dot: 司马义-铁力瓦尔地)
_JOINERS = "[·•‧・\\-－]"
_NAME_JOINER = re.compile(_JOINERS)
_DOTTED_NAME = re.compile(rf"([\u4e00-\u9fff]{{2,5}}{_JOINERS})([\u4e00-\u9fff]{{2,8}})")
# …the part of such a name before a name read after it (…由|司马义-铁力|瓦尔地副委员长主持)
_JOINED_NAME_BEFORE = re.compile(rf"(?:^|(?<=[由，。、；\n]))([\u4e00-\u9fff]{{2,5}}{_JOINERS}[\u4e00-\u9fff]{{0,6}})$")
# …not a body's joined name (中国-东盟商务理事会, 澜沧江-湄公河合作), which holds one of these
_NOT_IN_JOINED_NAME = re.compile(r"[国会盟委部院局省市区县议由]")
_AFTER_DOTTED_NAME = frozenset("在主出等和与同及率就并召作讲指强要表说为任当是会")


# 罗富和主持开幕会 · 王代强主持召开 · 张国立出席 : a name's third character that could end it (和 "and", 强 of 强调, 立 of
# 立即, 来) right before what a chair or speaker does is the name's: there it begins no word
# (A和B主持 has a name after 和)
_NAME_CHARS_OF_VERBS = "强立来"
_NAME_ENDS_IN_AND = re.compile(rf"[和{_NAME_CHARS_OF_VERBS}](?:主持|出席|致辞|讲话|作报告|宣布|强调|指出|表示|说)")
# (…and in a list of attendees, whose end 出席, 参加 or 列席 follows: _NAME_CHARS_OF_VERBS there too)


def name_at(text: str, i: int) -> str | None:
    """The person's name starting at i: a known leader, else 3 characters unless the third ends it."""
    known = _leader_at(text, i)
    if known:
        return known
    # 艾力更·依明巴海 · 买买提明·阿不都热合曼 : a name written with its middle dot, whole (up to the word after it)
    if _NAME_JOINER.search(text, i + 2, i + 6) and (dm := _DOTTED_NAME.match(text, i)) and not _NOT_IN_JOINED_NAME.search(dm.group(1)):
        rest = dm.group(2)
        cut = next((k for k in range(2, len(rest)) if rest[k] in _AFTER_DOTTED_NAME), len(rest))
        return dm.group(1) + rest[:cut]
    cand = text[i : i + 3]
    if len(cand) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in cand[:2]):
        return None
    if len(cand) == 3 and "\u4e00" <= cand[2] <= "\u9fff" and (cand[2] not in _AFTER_NAME or _NAME_ENDS_IN_AND.match(text, i + 2)):
        return cand
    return cand[:2]


_TITLE_UNIT = (
    r"(?:中共中央|中共|中央军委|中央|国务院|全国人大常委会|全国人大|全国政协|国家|中国人民银行|货币政策委员会|大会主席团|主席团|(?<!代表)大会(?=执行主席)|(?:民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)中央|"
    # a body's name of up to 24 characters: 中央应对新冠肺炎疫情工作领导小组(组长)
    # (…and an office or a commission by its short name: 中央外事工作委员会办公室主任, 国务院港澳办主任, 首规委主任)
    # (a body's name may hold a number: 第24届冬奥会工作领导小组组长)
    # (…a local congress's standing committee or CPPCC: 区人大常委会主任, 市政协主席)
    # (…with a quoted name in it: 国务院推进政府职能转变和“放管服”改革协调小组组长; not a run of words that ends in 国务院:
    # …听取政策措施落实第三方评估汇报改革创新政府管理方式国务院|总理, a headline run into the opening)
    rf"(?:第[0-9]{{1,3}}届)?(?:[{_CJK}]|“[{_CJK}、]{{1,12}}”){{0,24}}?(?:省委|市委|县委|区委|党委|纪委|监委|自治区|省|市|县|区|委员会|安委会|[省市县区州]人大常委会|[省市县区州]政协|(?<![国])政府|书记处|部|局|厅|(?<!国务)院|组|联|办公室|(?<![主任])办|(?<![省市县区党纪监常主任])委|(?:宣传|组织|统战)(?=副?部长)))?"
    r"(?:常务副(?:主席|组长|主任|书记|省长|市长|县长|区长|州长|部长|秘书长|院长|委员长|总理)|代(?:省长|市长|县长|区长)|常务主席|执行主席|政治局常委|政治局委员|总书记|国家主席|副主席|主席|副总理|总理|副委员长|委员长|副书记|书记|副市长|市长|"
    r"副省长|省长|副县长|县长|副区长|区长|副州长|州长|盟长|旗长|行长|副部长|部长|副主任|主任|副院长|院长|检察长|副秘书长|秘书长|副组长|组长|国务委员|委员|常委|党组成员|局长|厅长|政委|司令员|副总指挥|总指挥|副指挥长|指挥长|第一总河长|总河长|河长|总林长|林长)"
)
TITLE_CHAIN = re.compile(rf"(?:{_TITLE_UNIT}(?:、|兼))*{_TITLE_UNIT}$")


# (会: 常委|会委托, 常委|会议; 兼: 副委员长|兼秘书长; 于 "at", but the surname where a name and 主持 follow: 市长于海宇主持)
NOT_NAME_START = re.compile(r"(?:会|兼|主持|在|于(?:(?=近日|日前|今日|昨日|今天|昨天|当日|上午|下午)|(?![\u4e00-\u9fff]{1,2}(?:主持|出席|讲话|强调|指出|表示|宣布|致辞)))|和|与|等|出席|参加|同志)")


def _last_clause(t: str) -> str:
    # (a quoted name inside a title is no clause break: 国务院推进政府职能转变和“放管服”改革协调小组组长)
    t = re.split(r"[，。；\n\s》”]", re.sub(r"“([^“”，。；\n]{1,12})”", "\x01\\1\x02", t))[-1]
    t = t.replace("\x01", "“").replace("\x02", "”")
    return re.sub(r"^(?:[\u4e00-\u9fff]{0,6}?会议?由|由|受|在|经)", "", t)


def _title_chain(t: str) -> str | None:
    """The chain of title units that ends the last clause of t (…国务院总理), if it ends with one."""
    # (the clause's last 56 characters: the longest title chain in the corpus has 44, and a chain of title units can be split
    # in many ways, which a failing search on a long run of them (局局长兼局局长兼…) would try one by one)
    m = TITLE_CHAIN.search(_last_clause(t)[-56:])
    # (not the day before it: 李克强26日…, 26日中共中央政治局常委、国务院副总理…)
    return re.sub(r"^[0-9]*日(?=中共|中央|国务院|全国)", "", m.group(0)) if m else None


def _clean_title(t: str) -> str:
    """The title words just before a name: the last clause, then the longest chain of title units."""
    return _title_chain(t) or _last_clause(t)


# 吉炳轩副委员长主持 : the name is 吉炳轩, not 炳轩副
CHAIR_NAME_FIRST = re.compile(rf"(?P<name>[{_CJK}]{{2,3}}?)(?P<title>副?(?:委员长|总理|主席|总书记|书记|市长|省长|行长)(?:兼秘书长)?)主持")


@dataclass
class Person:
    name: str
    title: str | None
    role: str  # chair, speaker, attendee


def _presides_another(text: str, end: int, series: str | None) -> bool:
    """Whether the 主持 ending at end convened a central meeting of another series than this one's."""
    after = re.split(r"[，。；]", text[end : end + 40], maxsplit=1)[0]  # the meeting it convened, no further
    # (…习近平总书记主持召开中央政治局常委会多次听取汇报 : the Politburo's, in a report of another meeting)
    # (…习近平在主持中央政治局会议审议主题教育总结报告…时发表了重要讲话 : the Politburo's too, named without 召开)
    politburo = re.match(r"(?:召开)?(?:中共)?中央政治局", after) is not None
    return bool(series) and (after.startswith("召开") or politburo) and (
        any(pat.search(after) and s != series for pat, _, s in CENTRAL_SERIES) or ("政治局" not in series and politburo))


def chair_of(text: str, series: str | None = None) -> tuple[str | None, str | None]:
    """(name, title) of who presided: 国务院总理李强主持召开 · 栗战书委员长主持会议 · 会议由…周小川主持.
    Not who chaired another meeting the report recalls (习近平总书记主持召开中央全面深化改革委员会第二次会议并发表
    重要讲话，强调… in the report of a conference whose own chair it names later)."""
    # (召集 where the meeting is said to be convened by someone: 本次会议由中国人民银行行长兼货币政策委员会主席易纲召集)
    # (not 主持人, a post: 全国政协…主席团会议主持人汪洋出席会议 · 会议由陈晓光主持)
    # (nor who presided over a reception: 刘延东主持会见活动)
    for m in re.finditer(r"主持(?!人|会见)|(?<=[\u4e00-\u9fff]{2})召集(?=[，。])", text):
        if m.group(0) == "召集" and not re.search(r"(?<![自理缘])由(?!于)", re.split(r"[，。；\n]", text[max(0, m.start() - 40) : m.start()])[-1]):
            continue
        if _presides_another(text, m.end(), series):
            continue
        window_start = max(0, m.start() - 70)
        before = text[window_start : m.start()]
        # name then title: 栗战书委员长主持
        nm = CHAIR_NAME_FIRST.search(text, max(0, m.start() - 13), m.end())  # 王晨副委员长兼秘书长主持
        if nm and nm.end() == m.end():
            name = _leader_at(text, nm.start()) or _leader_ending(text, nm.end("name")) or nm.group("name")
            # 会议由司马义-铁力瓦尔地副委员长主持 : a name with its joiner, whole
            if name == nm.group("name") and (jm := _JOINED_NAME_BEFORE.search(text, max(0, nm.start() - 12), nm.start())) \
                    and not _NOT_IN_JOINED_NAME.search(jm.group(1)):
                name = jm.group(1) + name
            return name, nm.group("title")
        # title then name: the last title word before 主持 and the name right after it, unless that is no
        # person and an earlier title word is followed by a leader's name (…副委员长王晨传达了习近平总书记
        # 重要指示并主持会议: 王晨, not 总书记|重要)
        best = name = None
        for tm in reversed(list(_TITLE_WORD.finditer(before))):
            name_start = window_start + tm.end()
            cand = name_at(text, name_start)
            if not cand:
                if best is None:
                    break
                continue
            gap = text[name_start + len(cand) : m.start()]
            # (nor across a line: …等在主席台就座\n赵乐际主持并讲话, the headline's lines)
            if len(gap) > 14 or re.search(r"[，。；\n]", gap):
                break
            if best is None:
                if NOT_NAME_START.match(text, name_start):  # …秘书长|主持会议: no name between the title and 主持
                    continue
                best, name = tm, cand
                if cand in leaders() or looks_like_person(cand):
                    break
            elif cand in leaders():
                best, name = tm, cand
                break
        if best is None:
            continue
        title_start = before.rfind("，", 0, best.start()) + 1
        # (开幕式由全国台联会长黄志贤主持: the title starts after 由)
        title_start = max(title_start, before.rfind("。", 0, best.start()) + 1, before.rfind("由", 0, best.start()) + 1)
        title = _clean_title(before[title_start : best.end()])
        return name, title or None
    # The subject of the sentence presides: 国家主席习近平23日在河北雄安新区考察，主持召开…座谈会
    # (not of another meeting: …习近平…31日主持召开中央政治局常委会会议听取应急处置情况汇报, in the report of a
    # teleconference held after it)
    for m in re.finditer(r"主持(?!人|会见)", text):
        if _presides_another(text, m.end(), series):
            continue
        start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        sentence = text[start : m.start()]
        for tm in _TITLE_WORD.finditer(sentence[:80]):
            name = name_at(text, start + tm.end())
            # (not a body's name read as a title: 全国人大常委|会第二十八次会议; not who asked another to
            # preside: 受主席团常务主席赵乐际委托，李鸿忠主持会议)
            if name and not NOT_NAME_START.match(text, start + tm.end()) and (name in leaders() or looks_like_person(name)) \
                    and not re.match(r"(?:同志)?的?委托", text[start + tm.end() + len(name):]):
                return name, _clean_title(sentence[: tm.end()]) or None
    # 汪洋在主持大会时指出 : a leader named bare, presiding over this meeting (not 主持召开 another)
    for m in re.finditer(r"在主持(?=会议|大会|座谈会|全体会议|本次会议)", text):
        name = _leader_ending(text, m.start())
        if name:
            return name, None
    return None, None


# A meeting convened, in a report's first sentence (not one held by others: 出席在北京召开的…会议)
_CONVENED = re.compile(rf"召开(?!的)[^，。；]{{0,30}}?(?:{MEETING_WORD.pattern})")
# What may follow a two-character name without being its third character: 王刚在…, 张华同志, 王刚率队, 李某一行
_NOT_NAME_THIRD = set("在于同主出等和与今日月及以对向率带前后上下到就也又还都分再将并已召作讲指要表说一为从把被让给")


def _name_as_written(name: str, body: str) -> str:
    """A name as long as the report writes it everywhere: 彭雁迅速召开… 彭雁要求 (彭雁), 张国强召开… 张国强强调 (张国强)."""
    if len(name) == 3 and body.count(name[:2]) > body.count(name):
        return name[:2]
    if len(name) == 2 and name not in leaders():
        nexts = {body[m.end() : m.end() + 1] for m in re.finditer(re.escape(name), body)}
        if len(nexts) == 1 and re.fullmatch(r"[\u4e00-\u9fff]", c := next(iter(nexts))) and c not in _NOT_NAME_THIRD \
                and looks_like_person(name + c):
            return name + c
    return name


def convener_of(body: str) -> tuple[str | None, str | None]:
    """(name, title) of who convened the meeting in the report's first sentence: 县委常委、政府常务副县长冉某召开招商引资推进会
    · 国务院副总理韩正17日在住房城乡建设部召开座谈会 · 受市长张某委托，副市长李某召开… (李某). For a report that says of no
    one that he presided over it (the blind labels take the convener as the chair); not who attended a meeting others
    held (出席在北京召开的…会议), nor two conveners together (县委书记王某、县长赵某召开…), nor one at whose request others met
    (根据市委书记张某要求市应急局召开…), and only a name the report gives again (…党委常委班子均已召开… names no one)."""
    first = re.split(r"[。\n]", body.lstrip(), maxsplit=1)[0]
    cm = _CONVENED.search(first)
    if cm is None:
        return None, None
    sentence = first[: cm.start()]
    for tm in _TITLE_WORD.finditer(sentence):
        name = name_at(first, tm.end())
        if not name or NOT_NAME_START.match(first, tm.end()):
            continue
        name = _name_as_written(name, body)
        gap = sentence[tm.end() + len(name):]
        if re.search(r"[，；]", gap):
            continue  # (a clause before the convener's: 受市长张某委托，副市长李某召开…)
        if len(gap) > 14 or re.search(r"、|出席|参加|要求|指示|批示|委托|部署", gap):
            return None, None
        if name not in leaders() and (body.count(name) < 2 or not looks_like_person(name)):
            return None, None
        title_start = sentence.rfind("，", 0, tm.start()) + 1
        return name, _clean_title(sentence[title_start : tm.end()]) or None
    return None, None


# Where a report says someone presided over this meeting, not over one it relays (…传达学习了省长李某主持召开的省政府常务会议
# 精神 · …在主持中共中央政治局第五次集体学习时的重要讲话精神)
_PRESIDED_HERE = re.compile(r"由[^。，；]{0,30}?主持(?!召开的)|主持(?:会议|座谈会|本次会议|大会|并|[。，；])(?![^。，；]{0,12}精神)")


def _leader_before_presiding(text: str, name: str | None = None) -> tuple[str | None, str | None]:
    """李鸿忠主持会议 · …主席团会议主持人汪洋主持会议 : a leader's name right before 主持 this meeting (not
    …丁薛祥主持召开了…领导小组会议, another one), with the title chain before it where there is one. Asked
    last: the other readings give the title more often."""
    opening = len(_opening(text))
    for m in re.finditer(r"主持", text):
        # this meeting: 主持会议 · 主持开幕会 · 主持第一次全体会议 · …由李鸿忠主持。 · 主持召开 in the opening or
        # followed by its name; elsewhere 主持召开 is often another meeting
        after = text[m.end() : m.end() + 40]
        if not (re.match(r"(?:纪念|庆祝|表彰)?(?:会议|大会|座谈会|交流会|团拜会|茶话会|招待会|报告会)|本次会议|开幕会|闭幕会|第[一二三四五六七八九十]+次全体会议|[。，；\n]", after)
                or m.start() < opening or (name and name[-8:] in after)):
            continue
        # 王小洪参加会见并主持会议 · 孙春兰参加会见并主持大会 : the conference whose delegates were received
        if (pm := re.search(r"(?:^|[。，；\n])([\u4e00-\u9fff]{2,3})(?:参加会见|出席(?:会见|会议|大会)?)并$", text[max(0, m.start() - 14) : m.start()])) \
                and (pm.group(1) in leaders() or looks_like_person(pm.group(1))):
            return pm.group(1), None
        end = m.start() - 2 if text.endswith("同志", 0, m.start()) else m.start()  # 习近平同志主持会议
        leader = _leader_ending(text, end)
        if leader:
            return leader, _title_chain(text[max(0, end - 70) : end - len(leader)])
        # a name that is a whole sentence's subject, no title given: …出席座谈会。尤权主持会议。 · 会议由梁振英主持。
        # (or a clause's: 石泰峰、张春贤…等出席开幕会，辜胜阻主持开幕会。)
        bare = re.search(r"(?:^|[。\n]|[。\n](?:会议|大会|本次会议)由)([\u4e00-\u9fff]{2,3})$", text[max(0, m.start() - 8) : m.start()]) \
            or (re.match(r"开幕会|闭幕会|会议", after) and re.search(r"(?:出席|参加)(?:开幕会|闭幕会|会议)，([\u4e00-\u9fff]{2,3})$", text[max(0, m.start() - 12) : m.start()]))
        if bare and looks_like_person(bare.group(1)):
            return bare.group(1), None
    return None, None


def _leader_presiding_in_title(title: str | None, body: str) -> tuple[str | None, str | None]:
    """温家宝主持召开艾滋病防治工作座谈会 : a leader's bare name before 主持 in the title, with the title the
    body gives the leader where it first names them (国务院总理温家宝30日上午在中南海…)."""
    m = re.match(r"(?P<name>[^，。\s]{2,8}?)主持", title or "")
    if not m or m.group("name") not in leaders():
        return None, None
    name = m.group("name")
    at = body.find(name)
    return name, (_title_chain(body[max(0, at - 60) : at]) if at > 0 else None)


def speakers_of(text: str) -> list[Person]:
    """Persons whose words are reported: 李亦博强调 · 俞正声指出 · 市长李亦博作工作部署."""
    out: dict[str, Person] = {}
    for m in re.finditer(SPEECH_VERB, text):
        i = m.start()
        for n in (3, 2, 4):
            if i - n < 0:
                continue
            cand = text[i - n : i]
            if cand in leaders() or (n == 3 and all("\u4e00" <= c <= "\u9fff" for c in cand) and _looks_like_name(text, i - n, cand)
                                     and looks_like_person(cand)):
                if cand not in out:
                    tm = _TITLE_WORD_END.search(text[max(0, i - n - 30) : i - n])
                    title = None
                    if tm:
                        seg = text[max(0, i - n - 30) : i - n]
                        start = max(seg.rfind("，"), seg.rfind("。"), seg.rfind("、")) + 1
                        title = _clean_title(seg[start:]) or None
                    out[cand] = Person(cand, title, "speaker")
                break
    return list(out.values())


def _looks_like_name(text: str, i: int, cand: str) -> bool:
    """A 3-character run before a speech verb is a name when a title or a clause boundary precedes it."""
    if cand in ("会议指", "会议强", "会议要", "会议认", "同志们"):
        return False
    if any(w in cand for w in ("会议", "我们", "他们", "她们", "大家", "同时", "此外", "代表", "委员", "部门", "政府", "强调", "指出")):
        return False
    prev = text[i - 1] if i > 0 else "。"
    return prev in "。，；：\n" or bool(_TITLE_WORD_END.search(text[max(0, i - 12) : i]))


ATTENDEES = re.compile(rf"(?P<lead>(?:[{_CJK}]{{0,8}}领导|领导同志)?)(?P<names>[{_CJK}]{{2,4}}(?:、[{_CJK}]{{2,4}}){{1,40}})(?:等)?(?:[^。，]{{0,12}})?(?:出席|参加|列席)")


def attendees_of(text: str) -> list[Person]:
    """Listed attendees: 市领导牛书军、路红卫…在主会场出席."""
    out = []
    for m in ATTENDEES.finditer(text):
        title = m.group("lead") or None
        names = m.group("names").split("、")
        # 市人大常委会副主任陈相凤、江志坚…出席 · 市政协党组成员韩俊义、…: the list's first name begins with its
        # title's last character (任陈相凤), which the list's four characters took
        start = m.start("names")
        while len(names[0]) > 2 and _TITLE_OR_MEMBER_END.search(text[max(0, start - 6) : start + 1]):
            names[0], start = names[0][1:], start + 1
        for name in names:
            name = name.strip()
            # 杨吉喜在主会场出席 : the last name runs into the words after it
            while len(name) > 3 or (len(name) == 3 and name[-1] in _AFTER_NAME and name[-1] not in _NAME_CHARS_OF_VERBS
                                    and name not in leaders()):
                if name[-1] not in _AFTER_NAME:
                    break
                name = name[:-1]
            # 中共中央政治局常委、中央书记处书记蔡奇出席 : titles in the list are not attendees
            # (nor a bill's lists: 议程草案、主席团和秘书长名单草案、列席人员名单草案的议案)
            if 2 <= len(name) <= 4 and not _NO_NAME_WORD.search(name):
                out.append(Person(name, title, "attendee"))
    return out


# ---------------------------------------------------------------- dates and places

# 12月11日上午 · 2024年12月27日 · 4日 · 9月23日至24日
_DATE_IN_TEXT = re.compile(r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})[日号](?![前内后电])")


_RANGE_END = re.compile(r"\s*(?:至|到|—|－|-|~)\s*(?:\d{1,2}月)?(?P<d>\d{1,2})[日号]")
# a sentence that opens with the day a meeting was convened: 2日下午，韩正在海口主持召开…
_DAY_CONVENED = re.compile(r"(?:^|(?<=[。\n]))(?P<y>)(?P<m>)(?P<d>\d{1,2})日(?:上午|下午|晚上?)?，[^。，]{0,20}?(?:主持召开|召开|举行)")


DATELINE = re.compile(r"新华社[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电")
_THIS_MEETING_ON = re.compile(r"于(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:上午|下午|晚上?)?(?:在[^，。]{1,12}?)?(?:召开|举行)(?:了)?这次")


# What comes before a meeting that is proposed or decided, not held: …建议全国政协十二届四次会议明年3月3日在北京召开 ·
# 会议还决定，2024年3月1日至2日召开… (its name names no meeting held, its date dates none)
_PROPOSED = re.compile(r"(?:建议|决定)[，,]?[^。，]{0,30}$")


_HELD_FROM = re.compile(r"于(?P<from>(?:\d{4}年)?\d{1,2}月\d{1,2}日)(?:至|到|—|－|-)(?:\d{1,2}月)?\d{1,2}日[^，。]{0,12}?(?:举行|召开)")


# A paragraph that opens with a meeting held on a day: 全国党委和政府秘书长会议9月13日至14日在京召开 (not one to come: 将…召开)
_HELD_ON = re.compile(rf"(?:^|(?<=\n))(?P<name>[^。\n，]{{2,40}}?(?:{_NAME_WORD}|(?<!代表)大会))(?P<when>(?:\d{{1,2}}月)?\d{{1,2}}日)(?:(?:至|到|—|－|-)(?:\d{{1,2}}月)?\d{{1,2}}日)?"
                      r"(?:上午|下午|晚上?)?(?:(?!将)[^。，]){0,12}?(?:召开|举行|开幕)")


def meeting_date(body: str, title: str | None, published: datetime | None) -> date | None:
    """The day the meeting was held: a date in the opening of the report, resolved against the
    publication date (same year, or the year before when the month is later); else the publication day."""
    opening = _opening(body)
    # 中共中央政治局会议建议 …10月16日在北京召开 … 新华社北京8月30日电中共中央政治局8月30日召开会议 : a headline
    # repeated before the news agency's dateline dates another meeting; the report begins after the dateline
    if dl := DATELINE.search(body, 0, 300):
        opening = _opening(body[dl.end() :]) or opening
    # The date of the convening: the last date before the first 召开/举行/主持, else the first date.
    verb = re.search(r"召开|举行|主持|开幕|闭幕", opening)
    # (not the date of a meeting proposed or decided: …主席会议。…建议全国政协十二届四次会议明年3月3日在北京召开)
    dates = [d for d in _DATE_IN_TEXT.finditer(opening) if not _PROPOSED.search(opening, 0, d.start())]
    before = [d for d in dates if verb and d.start() < verb.start()]
    # 全国人大常委会委员长张德江今天上午…主持召开…委员长会议。会议决定…第四次会议8月26日至30日在北京举行 : a day named
    # relative to the report before the convening, not a later date of another meeting
    # (not a report of the closing that gives the days it was held: …全体会议，今天下午在北京闭幕 … 于2016年1月12日至14日…举行)
    if not before and verb and published is not None and (
            rel := re.search(r"(今天|今日|今晨|昨天|昨日|昨晚)[^。]*$", opening[: verb.start()])) \
            and not (verb.group() == "闭幕" and _HELD_FROM.search(body, 0, 600)):
        return (published - timedelta(days=1 if rel.group(1).startswith("昨") else 0)).date()
    # 习近平近日…主持召开农村改革座谈会… | 习近平在安徽调研期间，于4月25日召开这次座谈会 : the day a later sentence gives
    # this meeting
    if not before and not dates and (this := _THIS_MEETING_ON.search(body[:3000])):
        dates = [this]
    # 习近平…近日对新时代办公厅工作作出重要指示… | 全国党委和政府秘书长会议9月13日至14日在京召开 : an opening with no date (an
    # instruction's), then the paragraph that reports the meeting held, by its first day
    # (the meeting the title names, not another the report goes on to: …常委会第五次会议8月28日至9月1日在北京举行)
    if not before and not dates and (held := _HELD_ON.search(body, 0, 2000)) and title and held.group("name")[-6:] in title:
        dates = [_DATE_IN_TEXT.match(body, held.start("when"))]
    if before:
        i = len(before) - 1
        # 9月23日至24日 : a range is dated by its first day
        # (…and a list of days by its first: 20日、23日、24日连续召开 · 10月12日、13日和15日…先后召开三场座谈会)
        # (…with its hours: 第一次全体会议和第二次全体会议分别于10日上午和12日下午…举行; not the days of two gatherings
        # one after the other, 8日下午和9日上午…分别主持召开专家座谈会和领导小组全体会议, each its own)
        hours = r"(?:上午|下午|晚上?)?" if not re.search(r"分别[^。]{0,6}(?:召开|举行)[^。]{2,30}和", opening) else ""
        while i > 0 and re.fullmatch(rf"{hours}\s*(?:至|到|—|－|-|~|、|和|及)\s*", opening[before[i - 1].end() : before[i].start()]):
            i -= 1
        m = before[i]
    else:
        m = dates[0] if dates else None
    # …第二次全体会议1月22日在北京闭幕。…全体会议，于2013年1月21日至22日在北京举行 : a report of the closing that gives
    # the days it was held is dated by the first
    if verb and verb.group() == "闭幕" and (held := _HELD_FROM.search(body, 0, 600)):
        m = _DATE_IN_TEXT.match(body, held.start("from")) or m
    # 7月1日至3日…在海南省调研并主持召开…会议 … 2日下午，韩正在海口主持召开…: a visit's days, then the meeting's own
    # (which a three-day visit's report may give 2,300 characters in)
    if m and (rng := _RANGE_END.match(opening, m.end())):
        day = next((d for d in _DAY_CONVENED.finditer(body[:4000]) if int(m.group("d")) <= int(d.group("d")) <= int(rng.group("d"))), None)
        if day:
            m = day
    if m and published is not None:
        y = int(m.group("y")) if m.group("y") else None
        mo = int(m.group("m")) if m.group("m") else published.month
        d = int(m.group("d"))
        if y is None:
            y = published.year - 1 if mo > published.month else published.year
            if not m.group("m") and d > published.day:  # "28日" in a report published on the 2nd: last month
                mo, y = (mo - 1, y) if mo > 1 else (12, y - 1)
        try:
            return date(y, mo, d)
        except ValueError:
            pass
    elif m and m.group("y") and m.group("m"):
        try:
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            pass
    return published.date() if published else None


# A leader acting for the Party Centre: 代表党中央向…表示慰问 · 党中央决定直接约谈 · 受党中央委托
# (not a greeting, 代表党中央、国务院向大会…祝贺, nor a decision a speech recalls, 党中央决定建立…制度)
FOR_THE_CENTRE = re.compile(r"代表党中央(?!、)|受党中央委托|党中央决定(?:直接)?(?:约谈|召开|举行)")


def _opening(body: str) -> str:
    """The first sentence or two, where reports give the meeting's date."""
    first = re.split(r"(?<=。)", body, maxsplit=2)
    return "".join(first[:2])[:300]


# (a university's or paper's name, not a verb's object or a province's own academy: not 江苏召开|大学生…, 四川省社会科|学院,
# and not the convener itself: 北京日报社召开…)
_INSTITUTION_AFTER = re.compile(r"(?:(?:[^\W\d_省市区召举开行推进组织部署在的]){0,4}?(?:大学|学院)(?!生)|日报(?!社)|(?:广播)?电视台)(?![\u4e00-\u9fff]{0,4}?(?:党委|党组)?(?:召开|举行))")
# A local congress's or CPPCC's term between its place and its name: 区十六届人大, 三沙市一届人大
_LOCAL_TERM = "(?:[一二三四五六七八九十]{1,3}届)?"
# What a city's name never holds: the words before 市委 in 主持召开市委常委会会议, 山东等省市政府, 部分省区市政协, 二届市委召开…,
# 听取了市政协….
_NOT_CITY = re.compile(r"[省区等各和与及在于对向从同了届]|部分|主持|召开|举行|出席|书记|会议|传达|学习|研究|部署|听取|审议|年度|全国|中央|按照|根据|依照|对照|关于|结合|围绕|落实")


def _unlisted_city(cand: str, before: str) -> str | None:
    """A city places.txt does not list, from the two to four characters before 市委 (市政府…): after a
    province (浙江省义乌) or 中共, or standing on its own (义乌市委 at the start, after punctuation);
    never words that only happen to stand there."""
    tail = re.split(r"省|自治区", cand)[-1]
    after_province = tail != cand
    if tail.startswith("中共"):
        tail, after_province = tail[2:], True
    tail = re.sub(r"^(?:近日|日前|今天|今日|昨天|昨日|本月|今年|当天)", "", tail)  # 近日义乌市委召开…
    if len(tail) < 2 or _NOT_CITY.search(tail):
        return None
    if not after_province and before and re.match(rf"[{_CJK}]", before[-1]) and not before.endswith(("中共", "省")):
        return None  # the end of a longer run of words: 葛巧红主持召开|市委
    return tail


# A local body named with its place: 焦作市委 · 舞钢市人民政府 · 阜城县委 · 户县县委 · 秀山土家族苗族自治县委 · 伊犁州党委 ·
# 解放区十六届人大 · 鄂托克前旗政协
_PLACED_BODY = re.compile(rf"([{_CJK}]{{1,12}}?)(自治州|自治县|自治旗|市|县|(?<!自治)区|旗|州|盟){_LOCAL_TERM}(?:党?委|政府|人民政府|人大|政协)")


# A higher post named before the chair's own (平顶山市委常委、舞钢市委书记; 河南省委常委、郑州市委书记): the report's place is the own post's
# (only where the own post names its own place: 焦作市委常委、常务副市长 or …、市纪委书记 are both the city's, and the higher post
# is what names it)
_HIGHER_POST = re.compile(rf"[{_CJK}]{{2,10}}?[省市州]委(?:常委|委员)、(?=[{_CJK}]{{2,8}}?[市县区旗](?:委|政府|人民政府)?(?:副?书记|代?[市县区旗]长|常务副[市县区]长))")
# A division named as what the meeting heard or reviewed, not as the body that met: 听取了舞钢市政府关于…的汇报
_HEARD = re.compile(r"(?:听取|审议|通报|研究)了?$")
# …as the body that met names itself: 市委常委会 (a city's, above a county-level 舞钢市), 县委常委会 (a county's, which hears its
# own county's government: 县委常委会会议，研究阜城县政府工作报告)
_BARE_BODY_MET = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=召开))([省市县区旗])(?:委|政府|人民政府)(?:常委会|常务会议|全体会议|会议)")


def _heard_below(text: str, d: Division) -> bool:
    """Whether a division the meeting heard from (听取了舞钢市政府…汇报) is below the body that met, so not it."""
    body = _BARE_BODY_MET.search(text)
    kind = body.group(1) if body else None
    return kind in (None, "省") or (kind == "市" and d.county_level)


def _placed(form: str, d: Division) -> tuple[str | None, str | None, str | None]:
    """(province, city, county) of a division named by form: a county-level one's city is the city it belongs to, or
    itself where the province governs it (济源市, 仙桃市), and form its county; a prefecture is the city."""
    return (d.province, d.city or d.short, form) if d.county_level else (d.province, d.short, None)


def _placed_locally(form: str, d: Division) -> tuple[str | None, str | None, str | None]:
    """_placed for a meeting's place: a province-level city's district has no city (the level above it is the province)."""
    province, city, county = _placed(form, d)
    return province, None if province in _MUNICIPALITIES and city == province else city, county


def _division_named(text: str) -> tuple[str, Division] | None:
    """The first division of cpca's table whose committee, government, congress or CPPCC the text names: (its name as
    the text writes it, 舞钢市, 秀山自治县, 户县, and the division). places.txt's cities come first: a user's list wins."""
    cities = places()[1]
    for m in _PLACED_BODY.finditer(text):
        cand, kind = m.group(1), m.group(2)
        for n in range(len(cand)):
            tail = cand[n:]
            if kind == "市" and tail in cities:
                return None  # (the old way names it: places.txt's city)
            # (户县县委, 临洮县县委: the county named whole, then its committee)
            d = divisions().get(tail + kind)
            whole_d = divisions().get(tail) if d is None and tail.endswith(kind) else None
            if d is None and whole_d is None:
                continue
            whole = tail + kind if d is not None else tail
            # a one-character name stands on its own or after 中共 or its province (户县县委, 中共沛县县委), never inside
            # other words: 新任县委书记, 据报道县委, 市委和县委, 英雄县委
            if len(whole) == 2 and (re.match(rf"[{_CJK}]", text[m.start() - 1 : m.start()] if n == 0 else cand[n - 1])
                                    and not re.search(r"中共$|[省市州]$", text[: m.start()] + cand[:n])):
                continue
            before = text[: m.start()] + cand[:n]
            if _HEARD.search(before) and _heard_below(before, d or whole_d):
                break
            return whole, d or whole_d
    return None


# A local paper or media centre named after its place: 嘉兴日报, 沈阳晚报, 宝坻融媒, 城口县融媒体中心, 秀山网
_MEDIA_OF_PLACE = re.compile(r"(?P<short>[\u4e00-\u9fff]{2,8}?)(?P<kind>[市县区旗])?(?P<media>日报|晚报|新闻网|融媒体中心|融媒|新闻中心|广播电视台|电视台|发布)(?:社)?$")


def _place_by_short_name(short: str, kind: str | None = None, paper: bool = False) -> tuple[str | None, str | None, str | None]:
    """(province, city, county) of the place a paper or media centre is named after: a province or a prefecture by its
    short name (湖北日报, 嘉兴日报), a county-level place only with its kind (宝坻区融媒体中心, 城口县融媒体中心): 解放日报 is
    Shanghai's, not 解放区's, 新民晚报 not 新民市's, 东方电视台 not 东方市's. A province's paper gives its province only."""
    provinces, cities = places()
    if kind is None and short in provinces:
        return provinces[short], None, None
    if (kind in (None, "市")) and short in cities:
        return cities[short], short, None
    # (a prefecture by a short name it shares with counties only: 本溪日报, 通化发布; a media account not by one a province-
    # level city's district shares, 朝阳发布 being Beijing's 朝阳区's, though 朝阳日报 is 辽宁 朝阳's paper)
    found = (short + kind, divisions().get(short + kind)) if kind else divisions_by_short().get(short) or \
        (prefectures_by_short().get(short) if paper or short not in municipal_district_shorts() else None)
    if not found or found[1] is None or (found[1].county_level and not kind):
        return None, None, None
    return _placed(*found)


# The site a page is on, in its furniture: a government site's identity code (网站标识码：1304000009; SiteIDCode), whose
# first six digits are its government's division code, and the body that runs it (主办单位：本溪市人民政府办公室)
_SITE_CODE = re.compile(r"(?:网站标识码|SiteIDCode)\s*[:：]?\s*(\d{6})\d{4}\b")
_SITE_BODY = rf"(?:中共)?(?:[{_CJK}]{{2,14}}?(?:[省市县区旗州盟]委|[省市县区旗州盟]人民政府|[省市县区旗州]政府|盟行政公署|地区行政公署|地区行署)|[{_CJK}]县(?:委|人民政府|政府))(?:办公室|办公厅|宣传部)?"
# (who runs the site: 主办单位：本溪市人民政府办公室 · 版权所有：中共舞钢市委 · 本网站由焦作市人民政府主办)
_SITE_OWNER = re.compile(rf"(?:主办单位|主办|版权所有)\s*[:：]?\s*(?:©\s*)?(?P<body>{_SITE_BODY})|本网站由\s*(?P<by>{_SITE_BODY})\s*主办")
# (…or the site's name heading its furniture: 本溪市人民政府, 中共舞钢市委门户网站; not a friendly link or a related item
# further down, 邢台市人民政府 among the links of 邯郸's site)
_SITE_NAME = re.compile(rf"^\s*(?P<body>{_SITE_BODY})(?:门户网站|网站)?\s*$")
# (the lines of the site's head end where its navigation, lists of links or related items begin)
_SITE_HEAD_ENDS = re.compile(r"^\s*(?:首页|当前位置|您的位置|您现在的位置|相关|友情链接|县区|区县|县市区|市县|部门网站|政府网站)|链接\s*$")


def site_place(chrome: str) -> tuple[str | None, str | None, str | None] | None:
    """(province, city, county) of the government whose site the page is on, from its furniture, or None: a site's
    identity code first (it names its government exactly, 110107 石景山区, where a site's name may be a template's), then
    the government or committee the footer says runs it (主办单位：中共舞钢市委办公室), then the site's name heading the
    furniture (本溪市人民政府). A central department's site (bm07000001) has no place, and neither has a 市辖区 code."""
    if (m := _SITE_CODE.search(chrome)) and (known := division_codes().get(m.group(1))) is not None:
        name, d = known
        return (name, None, None) if d is None else _placed_locally(name, d)  # (a province's own site: 410000 河南)
    lines = chrome.splitlines()
    owners = [m.group("body") or m.group("by") for ln in lines if (m := _SITE_OWNER.search(ln))]
    head = []
    for ln in lines:
        if _SITE_HEAD_ENDS.search(ln):
            break
        if m := _SITE_NAME.match(ln):
            head.append(m.group("body"))
    # who runs the site, else the most particular of the names at its head (a county's site may head its page with the
    # portals above it: 河北省人民政府 · 邯郸市人民政府 · 魏县人民政府); a province alone last
    found = [place_of(None, body, None, None) for body in owners + head[::-1]]
    return next((f for f in found if f[1] or f[2]), None) or next((f for f in found if f[0]), None)


def _place_named(name: str) -> tuple[str | None, str | None, str | None] | None:
    """(province, city, county) of a place named whole, 郑州市, 修武县, 河南省, or None."""
    provinces, cities = places()
    if name[-1] == "市" and name[:-1] in cities:
        return cities[name[:-1]], name[:-1], None
    if (d := divisions().get(name)) is not None:
        return _placed_locally(name, d)
    return (provinces[name], None, None) if name in provinces else None


def address_place(url: str) -> tuple[str | None, str | None, str | None] | None:
    """(province, city, county) of the government or place whose site a web address is on (lexicon.division_of_address),
    or None."""
    if (found := division_of_address(url)) is None:
        return None
    name, d = found
    return (name, None, None) if d is None else _placed_locally(name, d)


def _division_opening(name: str) -> tuple[str, Division] | None:
    """The division a gathering's name opens with (怀集县全面推行河湖长制…工作会议: 怀集县), the longest that the table has."""
    for m in reversed(list(re.finditer(r"市|县|区|旗|州|盟", name[:12]))):
        if m.start() >= 2 and (d := divisions().get(name[: m.end()])) is not None:
            return name[: m.end()], d
    return None


def place_of(title: str | None, body: str, chrome: str | None, organ: str | None) -> tuple[str | None, str | None, str | None]:
    """(province, city, county) for a local meeting, from the organ, title, text or page chrome: short names of the
    province and the city, and where the body is a county-level division's (舞钢市委, 阜城县政府, 解放区人大) that
    division as the text names it, its city then the city it belongs to (平顶山, 衡水, 焦作)."""
    provinces, cities = places()
    # (a higher post the chair also holds is no place of the meeting: 平顶山市委常委、舞钢市委书记…主持召开市委常委会会议 is
    # 舞钢's)
    text = " ".join(x for x in (organ, title, _opening(body)) if x)
    if "委常委、" in text or "委委员、" in text:  # (the search itself is slow: it is tried at every character)
        text = _HIGHER_POST.sub("", text)
    if (named := _division_named(text)) is not None:
        return _placed_locally(*named)
    city = None
    for m in re.finditer(rf"([{_CJK}]{{2,4}}?)市{_LOCAL_TERM}(?:委|政府|人民政府|人大|政协)", text):
        cand = m.group(1)
        for n in range(len(cand)):
            if cand[n:] in cities:
                city = cand[n:]
                break
        if city is None:
            city = _unlisted_city(cand, text[: m.start()])
        if city:
            break
    province = None
    if city and city in cities:
        province = cities[city]
    if province is None:
        # (not a place in an institution's name: 天津大学 among a 座谈会's speakers)
        province = next((provinces[form] for form in sorted(provinces, key=len, reverse=True)
                         for m in re.finditer(form, text) if not _INSTITUTION_AFTER.match(text, m.end())), None)
    if province is None and chrome:
        for line in chrome.splitlines():
            if line.strip() in provinces:
                province = provinces[line.strip()]
                break
    if province in _MUNICIPALITIES and city == province:
        city = None
    return province, city, None


# ---------------------------------------------------------------- the meeting


@dataclass
class Meeting:
    is_meeting: bool
    name: str | None = None
    meeting_date: date | None = None
    organ: str | None = None
    series: str | None = None
    session_no: int | None = None
    chair: str | None = None
    chair_title: str | None = None
    level: str | None = None
    province: str | None = None
    city: str | None = None
    upstream_meeting: str | None = None
    people: list[Person] = field(default_factory=list)

    @property
    def meeting_id(self) -> str | None:
        if not self.is_meeting or not self.series or not self.meeting_date:
            return None
        return meeting_id_for(self.series, self.meeting_date)


def meeting_id_for(series: str, day: date) -> str:
    """Stable id of a meeting: its series and its day, so every report of it gets the same id."""
    return "m" + hashlib.sha1(f"{series}\x1f{day.isoformat()}".encode("utf-8")).hexdigest()[:15]


# A title's phrases are parted by spaces (…会议在京举行 审议…工作报告稿 为召开…作准备 赵乐际主持): read as
# clauses, so that no name or ordinal is taken across two of them.
# A space may also part the items of a list (港澳台同胞 海外有关人士, 中国科学院第十九次院士大会 中国工程院…), so
# whether a report is a meeting's is read on the title without them, as before titles kept them.
_TITLE_SPACE = re.compile(rf"(?<=[{_CJK}”》）]) +(?=[{_CJK}“《（])")


def _phrases(title: str | None) -> str | None:
    """The title's spaces as clause breaks (，), except inside quotes (“热爱伟大祖国 建设美好家园”) and after
    fewer than six characters, a list's item more often than a clause (纪念梅兰芳 周信芳诞辰130周年座谈会)."""
    if not title or " " not in title:
        return title
    last = 0

    def part(m: re.Match) -> str:
        nonlocal last
        before = title[: m.start()]
        inside = before.count("“") > before.count("”") or before.count("《") > before.count("》")
        if inside or m.start() - last < 6:
            return ""
        last = m.end()
        return "，"

    return _TITLE_SPACE.sub(part, title)


def _flat(title: str | None) -> str | None:
    return _TITLE_SPACE.sub("", title) if title and " " in title else title


_QUOTED_SPAN = re.compile(r"“[^”]{0,40}”")


def _quoted_commas(text: str) -> str:
    """Commas inside quotes as 、, so that a quoted topic stays inside one clause and one name."""
    return _QUOTED_SPAN.sub(lambda m: m.group(0).replace("，", "、"), text)


def _unquoted(text: str) -> str:
    """The text with what it quotes emptied: a topic's words (“…讲好中国故事”专题协商会) are not the report's kind."""
    return _QUOTED_SPAN.sub("“”", text)


def is_meeting(title: str | None, body: str) -> bool:
    # the headline, when the title has clauses: 全军老干部工作暨“三先”表彰电视电话会议在京召开 | 习近平致信…
    title_phrases = (_phrases(title) or "").split("，") if title and " " in title else []
    headline = title_phrases[0] if title_phrases else ""
    title = _flat(title)
    head = title or ""
    opening = _opening(body)
    first = re.split(r"(?<=。)", body, maxsplit=1)[0][:150]  # the first sentence, where a report says who convened what
    if head and BILATERAL.search(head):
        return False
    if head and re.search(r"常委会会议列席代表座谈", head):
        return True
    # 全国政协十四届四次会议第三场“委员通道”开启 : members answering the press, not a sitting (quoted, so before _unquoted)
    if head and re.search(r"(?:委员|代表|部长)通道", head):
        return False
    if head and FOREIGN_STATE.match(head):
        return False
    # (not a commentary or feature on it)
    if head and BRIEFING.search(head) and not NOT_MEETING_TITLE.search(_unquoted(head)):
        return True
    # 李克强同在华外国专家举行新春座谈会 · 温家宝出席外国专家座谈会 : a talk with foreign guests (both blind labels of it),
    # not a body's meeting (not 国家外国专家局召开…会议)
    if head and re.search(r"(?:^|同|与|和|出席)(?:在华)?外(?:国|籍)专家", head):
        return False
    # 张德江将访问非欧四国并出席…第七次会议 · 中共中央总书记特使 宋涛将访问越南… : a visit announced, nothing held yet
    # (not a later clause after a meeting held: …会议召开 …将赴…)
    if head and (vm := re.search(r"将(?:于[^，。]{0,10})?(?:访问|出访|赴)", head)) and not TITLE_CONVENED.search(head[: vm.start()]):
        return False
    # 中国光彩事业促进会第七次会员代表大会在京召开 王沪宁会见与会代表 : a society's congress, reported for the leader who
    # received its delegates (both blind labels of such reports)
    # (…with the gathering it is held jointly with: 中国光彩事业促进会第六次会员代表大会暨…表彰大会召开 汪洋会见与会代表)
    if head and re.search(r"[次届]会员代表大会(?:暨[^，。\s]{1,30}?)?(?:在[^，。\s]{1,4})?(?:召开|开幕|闭幕)", head) and "会见" in head:
        return False
    # 王岐山出席朝鲜国庆70周年招待会 · 王岐山出席纪念柬埔寨太皇西哈努克诞辰100周年招待会 : another state's reception a leader
    # attends, not a Chinese body's gathering (not 习近平出席国务院国庆招待会); nor an embassy's reception abroad, nor a
    # company's or a society's 团拜会 or 茶话会 (no Party, state or advisory body's)
    if head and (re.search(r"出席(?!国务院)[^，。\s]{2,30}招待会", head) or re.search(r"(?:使馆|使领馆|使团)[^，。\s]{0,20}招待会", head)
                 or re.search(r"(?:公司|集团|企业|银行|协会|学会|商会)[^，。\s]{0,12}(?:团拜会|茶话会|招待会)", head)):
        return False
    # 国家主席习近平当地时间23日在西雅图出席中美企业家座谈会 : abroad, not a Chinese body's meeting
    if "当地时间" in opening[:60]:
        return False
    # 李克强考察科技部并主持召开座谈会 : a visit with a talk, not a meeting; a named one held on the visit is
    # (韩正在海南调研并主持召开推进海南全面深化改革开放领导小组会议, …考察并主持召开深入推进东北振兴座谈会)
    if head and (vm := VISIT_TALK.search(head)) and re.fullmatch(r"(?:部分)?(?:[^，。\s]{0,4}?(?:企业|专家|学者|企业家|金融机构))?", vm.group("name")):
        return False
    # …引起强烈反响 : the reactions to a meeting, not its report
    if head and re.search(r"反响|热议", head):
        return False
    # A leader chairing an international summit (上合组织青岛峰会…习近平主持会议) is still a summit.
    if head and INTERNATIONAL.search(head) and (not CHAIRED.search(head) or re.search(r"峰会|首脑|领导人|外长|元首|高级别|安理会", head)):
        return False
    # a later clause's 致信, 批示 or 会见 does not unmake the meeting the headline reports
    # (nor a later clause's 聚焦: 王岐山在中央巡视工作动员部署会议上强调 突出坚持党的领导 聚焦全面从严治党)
    if headline and (TITLE_CONVENED.search(headline) or SPOKE_AT.search(headline)) and not (NOT_MEETING_TITLE.search(_unquoted(headline)) or STUDY_TITLE.search(headline)
                                                              or re.search(r"将(?:出席|发表|举行)", head)):
        return True
    # (…, and a later clause's 批示: 学习贯彻党的十八届五中全会精神 中央宣讲团动员会在京召开 习近平总书记作出重要批示)
    # (what comes before the name may unmake it, not the name's own words: 贯彻落实习近平重要指示精神 全国安全生产电视电话会议)
    if head and (sm := STUDY_MEETING.search(head)) and not (NOT_MEETING_TITLE.search(_unquoted(head[: sm.start()]))
                                                             or re.search(r"将(?:出席|发表|举行|召开)", head)):
        return True
    # 习近平对全军后勤工作会议作出重要指示 : the instruction a meeting heard, where the report opens with the
    # meeting held (全军后勤工作会议11月22日至23日在京召开), is that meeting's report
    # (not 在…会议召开之际，…李克强作出重要批示, the instruction alone: both blind labels)
    if head and INSTRUCTED.search(head) and (cm := CONVENED.search(first)) and not first.startswith("之际", cm.end()):
        return True
    # 习近平会见全国公安工作会议代表 · 俞正声会见第二次全国高校统战工作会议代表 : a national conference whose delegates a
    # leader receives is the report's subject, as most blind labellers read it (not a people's body's congress,
    # 中国佛教协会第十一次全国代表会议, nor a festival's 第五届全国…会议)
    # (in the headline: 习近平…作出重要指示 李强会见第七次全国自强模范…表彰大会代表 reports the instruction)
    # (not a commentary on it, a study of its speech, or a reception announced: 央视快评：习近平会见…代表 ·
    # 深入学习贯彻习近平总书记在会见…代表时的重要讲话精神 · 习近平将会见…代表)
    lead = headline or head
    if (gm := GREETED_DELEGATES.search(lead)) and not (
            NOT_MEETING_TITLE.search(_unquoted(lead[: gm.start()] + lead[gm.end() :]))
            or STUDY_TITLE.search(lead) or re.search(r"将(?:亲切)?会见", head)):
        return True
    # 习近平对民政工作作出重要指示强调… 李强出席第十五次全国民政会议并讲话 : the conference the instruction was
    # conveyed at (会上传达了习近平重要指示) is the report's subject, as both blind labels of such reports have it
    # (…作出重要指示 … 全国组织工作会议在京召开, the conference's convening a phrase of the title: the same)
    # (a national conference named 大会: …作出重要指示强调 … 李强出席全国服务业大会并讲话, as 全国科技大会 and 全国教育大会 are)
    if head and re.search(r"指示|批示", head) and (ATTENDED.search(head) or NAME_ATTENDED_CONFERENCE.search(head)
                                                  or (title_phrases and PHRASE_CONVENED.fullmatch(title_phrases[-1]))) \
            and re.search(r"会上传达|会议传达|传达(?:了)?[^。]{0,20}(?:指示|批示)", body[:3000]):  # (…出席会议，传达习近平重要指示并讲话)
        return True
    # (王岐山到内蒙古调研并召开部分省区市巡视工作座谈会: a named meeting held on the visit, as one chaired there)
    # (…, and a meeting attended before the visit: 赵乐际出席全国推开…动员部署电视电话会议并在山西调研)
    if head and NOT_MEETING_TITLE.search(_unquoted(head)) and not (
            CHAIRED.search(head) or VISIT_TALK.search(head)
            or ((am := ATTENDED.search(head)) and not NOT_MEETING_TITLE.search(_unquoted(head[: am.end()])))):
        return False
    # 十四届全国人大一次会议选举产生新一届国家领导人 · 十二届全国人大一次会议决定国务院其他组成人员 : what a session's
    # sitting elected or decided is that sitting's report
    if head and re.search(rf"届{_NPC}[^，。\s]{{1,4}}次会议(?:选举|决定|表决|任命)", head):
        return True
    # 中华人民共和国全国人民代表大会公告（第四号）: what the session elected or decided, announced (3 of 3 blind labels)
    if title and NPC_ANNOUNCEMENT.search(title) and re.search(rf"{_NPC}第[^，。\s]{{1,4}}次会议于", body[:300]):
        return True
    # …第一次会议，将分别于2013年3月5日和3月3日在北京开幕 : a session announced, before anything was held
    if (fm := re.search(r"(?:将[^。，]{0,4}于|定于|拟于)[^。]{0,30}?(?:开幕|召开|举行)", first)) and not CONVENED.search(first[: fm.start()]):
        return False
    # …全国人大常委会第三十一次会议传达学习…精神 · …全国政协十四届常委会第八次会议开幕 : a numbered session that
    # studies is the session's report
    if head and re.search(r"(?:常委会|常务委员会)第[^，。\s]{1,5}次会议(?:[^，。\s]{0,3}(?:传达|学习|开幕|闭幕|举行))", head):
        return True
    if head and STUDY_TITLE.search(head) and not (CHAIRED.search(head) or TITLE_CONVENED.search(head) or ATTENDED.search(head)):
        # 全国政协党组专题学习贯彻…精神 : a body studying, when its opening says it convened to do so
        # (全国政协党组25日上午召开会议，专题学习…), is that body's meeting
        # …, and a leader's 座谈会 the opening says was held (韩正强调 贯彻落实…精神 | 韩正17日在住房城乡建设部召开座谈会)
        if not ((BODY_STUDIES.match(head) or re.search(r"(?:召开|举行)[^，。]{0,6}座谈会|主持召开", first[:80])) and CONVENED.search(first)):
            return False
    if head and (TITLE_CONVENED.search(head) or NATIONAL_CONFERENCE.search(head)):
        return True
    # 十二届全国人大常委会第七次会议分组审议… : a sitting of the session
    if head and re.search(r"第[^，。\s]{1,5}次(?:全体)?会议[^，。\s]{0,4}(?:分组|联组)?审议", head):
        return True
    # 习近平在中央人才工作会议上强调… : the classic title of a meeting report
    if head and SPOKE_AT.search(head):
        return True
    if FOREIGN_BODY.search(opening[:80]) and not re.search(r"中共|国务院|全国人大|全国政协|中央", opening[:40]):
        return False
    if head and MEETING_WORD.search(head) and (
        CONVENED.search(head) or re.search(r"会议$|会议\s|例会|座谈会|集体学习|全体会议", head) or re.search(r"出席[^。]{0,40}?(?:会议|座谈会)", head)
        # (张高丽出席京津冀协同发展专家咨询委员会阶段性总结大会 : a leader at a gathering of another meeting word; not
        # leaders who went to guide several: 中共中央政治局常委到…联系点出席指导专题民主生活会)
        or (ATTENDED.search(head) and "出席指导" not in head)
    ):
        return True
    # 全国人大常委会委员长会议组成人员 专题学习习近平外交思想 | …组成人员5日专题学习…，栗战书主持并讲话 : a study
    # session someone chaired, as the State Council's (李强主持国务院第三次专题学习) are
    if head and re.search(r"(?:专题|集体)学习", head) and re.search(r"(?:专题|集体)学习[^。]*主持", first):
        return True
    # Without a meeting in its title a report is a meeting report only when its first sentence
    # says a body convened one (the central bank's releases have no title), or a local leader presided over one: a
    # local paper heads its report with the meeting's message (全力抓好岁末年初安全生产工作 | 11月28日上午，…市长…主持
    # 召开市政府…常务会议)
    # (区委常委会听取有关工作汇报部署重点任务 | 日前，区委常委会召开会议… : a standing committee's sitting)
    if head and not re.search(r"主持|会议|例会|座谈会|全会|大会|常委会", head) and not (
            (pm := PRESIDED_FIRST.search(first)) and not re.search(r"(?<!中)国|当地时间", first[: pm.start()])):  # (韩国首尔市长…)
        return False
    cm = CONVENED.search(first)
    # 将于3月5日召开 : an announcement of a meeting to come is not a report of one
    # (在新春佳节即将来临之际，我县召开…座谈会 : the festival is to come, not the meeting)
    return bool(cm) and not re.search(r"将[^。，]{0,4}于|将在|即将(?!来临|到来)|拟于|定于", first[: cm.end()])


# (a local leader: a national one's 主持召开 under a headline of its message is a feature or a document's release as
# often as a meeting's report: 中办 国办印发《…》 | …习近平主持召开中央全面深化改革委员会第二次会议…)
# (…or a local body's head: 市委巡察工作领导小组组长李某主持召开市委巡察工作领导小组会议)
PRESIDED_FIRST = re.compile(rf"[省市县区州旗](?:委(?:副)?书记|长|[{_CJK}]{{1,16}}?(?:组长|主任|指挥长|总指挥))[{_CJK}]{{0,4}}主持召开[^。]{{0,40}}?(?:{MEETING_WORD.pattern})")


# A mechanism that is a body and convenes (国务院联防联控机制召开会议, 京津冀及周边地区大气污染防治协作机制, …专项工作机制),
# not one a topic builds (建立健全防止返贫监测帮扶工作机制|推进会)
_MECHANISM = r"(?:联防联控|协作|工作)机制"
_BUILT_MECHANISM = r"(?:建立|健全|完善|深化|构建|创新)[^，。]*机制$"
# The body nearest the verb (greedy): 十四届全国人大常委会|第十九次会议举行, 十四届全国人大四次会议主席团|举行,
# not the shortest body that starts the sentence (十四届全国人大); never cut inside a word (常委|会, 委|员会).
_SUBJECT = re.compile(rf"(?P<subject>中共中央(?![政办书军纪组宣统国党])|[{_CJK}]{{1,30}}(?:政治局常务委员会|政治局常委会|委员会|领导小组|常委会|党组|政府|(?<!常)委|常委(?=班子)|局|部|院|社|校|办公室|小组|检查组|联络组|指导组|督导组|主席团|政协|人大|政治局(?!常委(?!会))|国务院|中共中央|{_MECHANISM})(?![会员]))(?:[^，。]{{0,12}}?)(?:召开|举行)")
# A name that names its body: 国务院常务会议, 市委…专题会议, 全国政协…; else the convening body is prefixed.
_NAMES_BODY = re.compile(r"委|院|部|局|政府|人大|政协|党(?!外)|中央|省|市|县|区|国务院|全国|政治局")


# 出席会议 names no meeting (召开会议 does, with the body before it); 习近平在全国组织工作会议上强调 does
BARE_NAMES = {"会议", "座谈会", "大会", "全体会议", "专题会议", "视频会议", "开幕会", "闭幕会"}
NAME_SPOKE_AT = re.compile(rf"在(?P<name>[{_CJK}“”、0-9]{{2,40}}?(?:{_NAME_WORD}|(?<!代表)(?<!联合国)大会))(?:上|时)")
# …作出重要指示 … 李强出席全国服务业大会并讲话 : a national conference named 大会 that someone attended
# (not past a congress: 出席全国工商联十三届代表大会闭幕大会并讲话)
NAME_ATTENDED_CONFERENCE = re.compile(rf"出席(?P<name>全国(?:(?!代表大会)[{_CJK}]){{2,14}}?(?<!代表)大会)并")
# 2026年中国网络文明大会在南宁举行 · 2022年中国网络文明大会开幕 : a national conference named 大会, held (both blind labels of
# such reports call it a meeting)
# (not an industry's or a trade's 中国…大会, 中国网络视听大会 由中国网络视听节目服务协会主办: only the civilisation campaign's
# 中国网络文明大会 and 中国文明乡风大会 among the 中国 ones; nor a sports meeting, nor a congress)
NATIONAL_CONFERENCE_NAME = rf"(?:全国(?:(?!代表大会|运动|体育|足球|篮球)[{_CJK}]){{2,10}}?|中国[{_CJK}]{{0,6}}文明[{_CJK}]{{0,6}}?)(?<!代表)大会"
NATIONAL_CONFERENCE = re.compile(rf"(?:^|(?<=年))(?P<name>{NATIONAL_CONFERENCE_NAME})(?:在[{_CJK}]{{1,10}}?)?(?:召开|举行|开幕)$")
_REPEATED = re.compile(rf"([{_CJK}]{{3,30}})\1")
_SPIRIT_OF = re.compile(rf"(?:重要讲话|重要指示)?精神[{_CJK}]{{0,12}}?(?:{_NAME_WORD})")


def _meeting_name(title: str | None, body: str, flat: str | None = None) -> str | None:
    # The title's clauses in order (its headline first), then the title whole (a name with a list's
    # space inside: 出席港澳台同胞 海外有关人士纪念抗战胜利70周年座谈会), then the opening.
    # Last, a meeting the title says someone spoke at (习近平在全国组织工作会议上强调).
    # (a comma inside quotes parts no clauses: 全国政协召开“坚定文化自信，讲好中国故事”专题协商会)
    # (a name is given back with its quotes' commas as the report wrote them)
    opening = _opening(body)
    commas = {_quoted_commas(q): q for q in _QUOTED_SPAN.findall(f"{title or ''}\n{opening}") if "，" in q}
    title, flat = _quoted_commas(title or ""), _quoted_commas(flat or "")
    clauses = re.split(r"[，；]", title)
    texts = [(t, False) for t in (*clauses, flat, _quoted_commas(opening))] + [(t, True) for t in clauses]
    for text, spoke_at in texts:
        # A name after a convening verb (举行第一百一十二次委员长会议) before one before it
        # (十三届全国人大常委会举行…, where 常委会 is the body, not the meeting).
        if spoke_at:
            m = NAME_SPOKE_AT.search(text) or NAME_ATTENDED_CONFERENCE.search(text) or NATIONAL_CONFERENCE.search(text)
        else:
            # (a title's phrases run together: …在北京召开|中共中央总书记胡锦涛主持会议 names no meeting)
            # (nor a meeting one decided or proposed to convene: 全国政协主席会议建议明年3月3日召开全国政协十二届四次会议)
            m = next((x for x in MEETING_NAME.finditer(text) if not (x.group("name") in BARE_NAMES and text.startswith("出席", x.start()))
                      and "主持" not in x.group("name") and not _PROPOSED.search(text, 0, x.start())), None) \
                or NAME_BEFORE_VERB.search(text)
        if m and not spoke_at and m.start("name") == 0 and text in clauses[1:] and flat:
            # 第二批主题教育部分中央指导组 巡回督导组工作座谈会在京召开 : a list's space, not a clause break
            # (…only the phrase before it: not 深刻领会…重要思想 不断提高组织工作质量 … 全国组织工作会议在京召开)
            whole = NAME_BEFORE_VERB.search(flat)
            if whole and whole.group("name").endswith(m.group("name")) and \
                    clauses[clauses.index(text) - 1].endswith(whole.group("name")[: -len(m.group("name"))]):
                text, m = flat, whole
        if m:
            name = m.group("name")
            # 中央政协工作会议举行第二次全体会议 : a conference's plenary is a sitting of that conference (not of a body
            # called 中央政协)
            if re.fullmatch(r"(?:第[^，。]{1,4}次)?全体会议?", name) and (
                    cm := re.search(rf"([{_CJK}]{{2,30}}工作会议)(?:\d{{1,2}}日)?(?:上午|下午|晚上?)?(?:在[{_CJK}]{{1,6}})?(?:举行|召开)$",
                                    text[: m.start("name")])):
                name = cm.group(1)
            # 中央精神文明建设指导委员会召开第一次全体会议 : a generic name takes the convening body
            # …; so does an anniversary's (中国医学科学院举行建院60周年纪念大会)
            # (but not a commemoration of a person: 中共中央举行纪念胡耀邦同志诞辰110周年座谈会 → 纪念胡耀邦…座谈会)
            if (not _NAMES_BODY.search(_unquoted(name)) or re.match(r"(?:建院|建校|建社|建馆|建台|成立|创建|创刊)", name)) \
                    and not re.match(r"纪念[^，。]{1,12}同志", name):
                sm = _SUBJECT.search(text[: m.start() + 4])
                # (not a news agency's dateline run into it: 新华社北京8月30日电|中共中央政治局…召开会议)
                subject = re.sub(r"^(?:\d*日)?电", "", sm.group("subject")) if sm else ""
                # (not a mechanism a topic builds: 建立健全防止返贫监测帮扶工作机制|推进会召开)
                if re.search(_BUILT_MECHANISM, subject):
                    subject = ""
                # 就当前经济形势和下半年经济工作中共中央召开党外人士座谈会 : the topic is not the body
                subject = re.sub(r"^就[^，。]*(?=中共中央|国务院|全国人大|全国政协)", "", subject)
                # 李克强在国家防汛抗旱总指挥部主持召开…视频会议 : where it met, not who convened it, and no
                # person's name; only a bare 座谈会 takes the place (韩正在国家发展改革委召开座谈会)
                if "在" in subject:
                    subject = subject.rsplit("在", 1)[1] if name in BARE_NAMES else ""
                if subject:
                    name = subject + name
            name = _NAME_LEAD.sub("", name)
            # 刘云山主持召开座谈会强调… | …刘云山30日在中央和国家机关党的群众路线教育实践活动工作座谈会上强调 : a bare name in
            # the title, the opening's full one
            if name in BARE_NAMES and text != _quoted_commas(opening):
                full = next((x.group("name") for pat in (NAME_SPOKE_AT, MEETING_NAME) for x in [pat.search(_quoted_commas(opening))]
                             if x and x.group("name").endswith(name) and x.group("name") not in BARE_NAMES
                             and not re.search(r"[两三四五六七八九十]场|^[两三四五六七八九十]次", x.group("name"))), None)
                if full:
                    name = _NAME_LEAD.sub("", full)
            elif not spoke_at and text != _quoted_commas(opening):
                name = _list_commas(_fuller_in_opening(name, _quoted_commas(opening)), opening)
            if spoke_at:  # 在指导河北省委常委班子专题民主生活会时
                name = re.sub(r"^(?:指导|出席|参加|主持|列席|视察)", "", name)
            name = _REPEATED.sub(r"\1", name)  # 国家科技教育领导小组国家科技教育领导小组全体会议
            end = m.end("name")
            # a meeting held on another's spirit: 深入学习贯彻…文化传承发展座谈会|重要讲话精神专题会议
            more = _SPIRIT_OF.match(text, end)
            if more:
                name, end = name + more.group(0), more.end()
            # 纪念遵义会议90周年大会 : a commemoration of a meeting is named to its own meeting word
            elif name.startswith("纪念") and (more := re.match(r"[0-9一二三四五六七八九十百]+周年(?:纪念|庆祝)?(?:大会|座谈会)", text[end:])):
                name, end = name + more.group(0), end + more.end()
            if text[end : end + 1] == "议" and not name.endswith("会议"):
                name, end = name + "议", end + 1
            # 国务院反拐部际联席会议电视电话会议 : a joint conference (联席会议) is a body, and its teleconference or plenary
            # the meeting (both blind labels)
            if name.endswith("联席会议") and (xm := _JOINT_SITTING.match(text, end)):
                name, end = name + xm.group(0), xm.end()
            # (…, where the title names the body and the opening the sitting: 汪洋出席国务院旅游工作部际联席会议 |
            # …主持召开国务院旅游工作部际联席会议第五次全体会议)
            elif name.endswith("联席会议") and text != _quoted_commas(opening) and (
                    xm := re.search(re.escape(name) + rf"(?P<s>{_JOINT_SITTING.pattern})", opening)):
                name = name + xm.group("s")
            # …整改现场会暨推动长江经济带发展领导小组全体会议 : a meeting held jointly with another is named with both
            if (jm := _JOINED.match(text, end)):
                name = name + jm.group(0)
            return _QUOTED_SPAN.sub(lambda q: commas.get(q.group(0), q.group(0)), name) if commas else name
    # 习近平会见全国公安工作会议代表 : the conference whose delegates were received, where nothing names it otherwise
    return g.group("name") if (g := GREETED_DELEGATES.search(title)) else None


_JOINED = re.compile(rf"暨[^。，\s]{{2,40}}?(?:{_NAME_WORD})(?:议)?")
_JOINT_SITTING = re.compile(r"(?:第[一二三四五六七八九十]{1,3}次)?(?:电视电话会议|视频会议|全体会议)")
# What a headline leaves out of a name its report's first sentence gives: 全国, 全国性, 中央, 党的, 工作, 推动, a 、
_FULLER = re.compile(r"(?:全国性|全国|中央|党的|工作|推动|、)+")


def _fuller_in_opening(name: str, opening: str) -> str:
    """The opening's form of a title's name when it only adds a word or two to it: 打击侵权假冒工作领导小组全体会议 |
    全国打击侵权假冒工作领导小组第十二次全体会议 · 强化公共卫生法治保障立法修法座谈会 | …立法修法工作座谈会 (a headline
    shortens a name; the report's first sentence gives it whole)."""
    m = MEETING_NAME.search(opening)
    if not m:
        return name
    full = _NAME_LEAD.sub("", m.group("name"))
    short, long = _ORDINAL.sub("", name), _ORDINAL.sub("", full)
    if len(short) < 6 or not 0 < len(long) - len(short) <= 4 or long[-3:] != short[-3:]:
        return name
    # only words that name the same meeting more fully, inserted (not a date, season, batch or place: 一季度经济形势
    # 专家和企业家座谈会, 第二批主题教育总结会议, 上海金融工作座谈会 are other meetings, or one of a series)
    ops = difflib.SequenceMatcher(None, short, long, autojunk=False).get_opcodes()
    if all(op == "equal" or (op == "insert" and _FULLER.fullmatch(long[j1:j2])) for op, _, _, j1, j2 in ops):
        return full
    return name


def _list_commas(name: str, opening: str) -> str:
    """A title's list written without its 、 the way the opening writes it: 各民主党派中央全国工商联负责人和无党派人士代表座谈会 |
    …听取各民主党派中央、全国工商联负责人和无党派人士代表对…的意见建议 (headlines drop a list's commas; 6 blind labels)."""
    mw = re.search(rf"(?:{_NAME_WORD})$", name)
    core = name[: mw.start()] if mw else ""
    if len(core) < 8 or "、" in core:
        return name
    m = re.search("、?".join(map(re.escape, core)), opening)
    return m.group(0) + name[mw.start() :] if m and "、" in m.group(0) else name


def _series_from_name(name: str, city: str | None, province: str | None, county: str | None = None) -> tuple[str | None, str]:
    """(organ, series) of a local or unknown body from the meeting's own name. county: the county-level division the
    report is of (place_of), which names a committee or government of its kind (舞钢市 → 市委, 阜城县 → 县委)."""
    # (全国政协党组（扩大）会议 : a sitting widened to others, one of the body's series)
    series = _ORDINAL.sub("", name).replace("（扩大）", "").replace("(扩大)", "").strip("（）() ")
    # 全国政协召开“健全系统性金融风险防范体系”专题协商会 : the topic of one sitting is not the series'
    series = re.sub(r"“[^”]{2,40}”(?=专题(?:协商|座谈|会)|调研协商座谈会$)", "", series)
    # “打击新闻敲诈、加强行业自律”座谈会 · “深入学习贯彻实施宪法坚定不移推进改革开放”座谈会 : quotes that hold the whole
    # of a gathering's name but its meeting word mark the name, not a slogan in it (both blind labels)
    series = re.sub(r"^“([^“”]{4,40})”(?=(?:座谈会|研讨会|会议)$)", r"\1", series)
    # (“全面推进中国式现代化建设”经济形势系列报告会: a lecture series is named whole, without its quotes, as its labels have it)
    if series.endswith("系列报告会"):
        series = series.replace("“", "").replace("”", "")
    # 学习贯彻党的四中全会精神中央宣讲团动员会 · 俞正声主持召开深入推进新型城镇化调研协商座谈会 : what one meeting studied
    # or discussed is not the series' (中央宣讲团动员会, 调研协商座谈会)
    # (…and what a national meeting carries out: 贯彻落实习近平重要指示精神 全国安全生产电视电话会议在京召开)
    series = re.sub(r"^学习贯彻[^，。]{2,30}?精神(?=中央宣讲团)|^[^，。“”]{2,20}?(?=调研协商座谈会$)"
                    r"|^(?:学习贯彻|贯彻落实)[^，。]{2,30}?精神(?=全国[^，。]{4,}(?:会议|座谈会)$)", "", series)
    # 中国共产党乌审旗第十六届委员会全体会议 · 敖汉旗第十六届党委常委会 : a local Party committee by its long name, or as
    # 党委, is its committee (中共乌审旗委全体会议, 敖汉旗委常委会会议)
    series = re.sub(r"^中国共产党([\u4e00-\u9fff]{2,12}?(?:省|市|县|(?<!自治)区|旗|州))委员会", r"中共\1委", series)
    series = re.sub(r"(?<=[县旗])党委(?=常委会|全体会议|全会|会议)", "委", series)
    # 中共吉安市委三届十三次全会 · 市政府全体扩大会议 · 市政府党组扩大会议 : a committee's plenum is its 全体会议 (its ordinal
    # the session's), a widened sitting one of its series
    series = re.sub(r"(?<=委)[一二三四五六七八九十百\d]+次全会$", "全体会议", series)
    series = re.sub(r"(?<=全体|党组|常委)扩大会议", "会议", series)
    organ = None
    # (an autonomous region's is no district's: 自治区政府常务会议; a prefecture's CPPCC no Party committee: 政协黔南州委员会)
    m = re.match(rf"(?P<place>[{_CJK}]{{0,8}}?)(?<!自治)(?P<body>(?:市委|省委|县委|区委|州委|旗委)(?!员会)|市政府|省政府|县政府|区政府|旗政府|市人民政府|省人民政府|县人民政府|区人民政府|旗人民政府)", series)
    # (部分省委书记和中央部委党组书记…座谈会 names who took part, not a convening committee; 经济大省政府主要负责人
    # 座谈会 names no province: a place before 省 must be one)
    if m and not re.match(r"部分|各|有关", m.group("place")) and not (
            m.group("body").startswith("省") and m.group("place") and re.sub(r"^中共", "", m.group("place")) not in places()[0]):
        place = m.group("place")
        body = m.group("body")
        rest = series[m.end():]
        # (中共南江县委常委会会议: the organ is 中共南江县委, the series 南江县委常委会会议, as the seed's 焦作市委…)
        if place.startswith("中共"):
            place, series = place[2:], series[2:]
        # (a district's committee is not named with its city's name: 解放区委, never 焦作区委)
        # (户县's committee is 户县县委: a one-character name is written whole before it)
        where = place or ((county if len(county) == 2 else county[:-1]) if county and body.startswith(county[-1]) else
                          city if body.startswith("市") else province if body.startswith("省") else "") or ""
        if not place and where:
            series = where + series
        # (a committee or government whose place nothing names is no full name: 市委 alone, as a city's site reports
        # its own, leaves the organ unknown, as the blind labels of such local reports do)
        # (a committee's commission or group holds its own: 市委财经委员会会议 → 中共嘉兴市委财经委员会, as 中央财经委员会; a
        # government's Party group its own: 市政府党组会议 → 中共沈阳市人民政府党组)
        sub = re.match(r"(?!常委)[\u4e00-\u9fff“”]{2,24}?(?:委员会|领导小组|工作小组)(?=全体会议|会议|（|\(|$)|党组(?=会议|（|\(|扩大|$)",
                       rest)
        if not where:
            organ = None
        elif body.endswith("委"):
            organ = f"中共{where}{body}" + (sub.group(0) if sub and sub.group(0) != "党组" else "")
        else:
            organ = f"{where}{body.replace('政府', '人民政府').replace('人民人民', '人民')}"
            if sub and sub.group(0) == "党组":
                organ = f"中共{organ}党组"
    # 全市安全生产工作会议 · 我县扶贫例会 · 县政协常委会会议 · 市疫情防控指挥部工作调度会议 : a city's or county's own
    # gathering or body, named without its place, takes the place the report is of (濮阳市安全生产工作会议, 滑县扶贫例会,
    # 肥西县政协常委会会议, as ANNOTATION.md's 焦作市委…); its congress's standing committee and its CPPCC are its organs
    # (a CPPCC by its full name: 政协黔南州委员会会议)
    elif cm := re.match(r"政协[\u4e00-\u9fff]{2,12}?委员会", series):
        organ = cm.group(0)
    elif lm := re.match(r"(?P<all>全|我|本)?(?P<k>市|县|区|旗)(?!场|域|块|区市|县)(?P<rest>[\u4e00-\u9fff“（].+)", series):
        k = lm.group("k")
        where = county[:-1] if county and county[-1] == k else city if k == "市" and not county else None
        if where:
            series = where + k + lm.group("rest")
            if lm.group("all") is None and lm.group("rest").startswith("政协"):
                organ = f"政协{where}{k}委员会"
            elif lm.group("all") is None and lm.group("rest").startswith("人大常委会"):
                organ = f"{where}{k}人大常委会"
    return organ, series


# A meeting named after the body that holds it: 全国绿化委员会全体会议, 中央应对新冠肺炎疫情工作领导小组会议,
# 全国政协宏观经济形势分析座谈会, 全国政协党组会议, 中央层面整治形式主义为基层减负专项工作机制会议. The longest
# such name that the meeting's own words follow.
_BODY_NAMED = re.compile(
    rf"(?P<body>(?:第[0-9]{{1,3}}届)?(?:(?!暨)[{_CJK}“”《》]){{2,40}}(?:委员会|领导小组|工作小组|协调小组|党组|机制联络组|{_MECHANISM}|总指挥部|联席会议)|全国人大常委会|全国政协"
    # a body's short name: 中央纪委常委会会议, 中央文明委全体会议, 全国工商联执委会议, 国务院廉政工作会议
    rf"|(?:中央纪委|国家监委|中央文明委|中央政法委|中央编委|中央军委)(?:常委会)?|全国工商联|国务院(?=[{_CJK}]{{0,12}}工作会议))(?=[{_CJK}“《])"
)
# National bodies an opening may name as convening (11日，国务院召开… · 全国妇联8日在京举行…): the Centre, the State
# Council, the legislature and the CPPCC, and the people's organisations (mass organisations) that hold national
# gatherings of their own
# (国务院安委会7月31日召开全国安全生产电视电话会议: the State Council's work-safety commission, by its full name)
CONVENERS = ("中共中央、国务院|国务院安委会|国务院安全生产委员会|国务院|中共中央宣传部|中央宣传部|中宣部|中共中央统战部|中央统战部|"
             "中共中央组织部|中央组织部|中共中央|中央军委|全国人大常委会|全国政协|"
             "全国妇联|中华全国妇女联合会|全国总工会|中华全国总工会|共青团中央|全国工商联|中华全国工商业联合会|"
             "中国科协|中国文联|中国作协|中国侨联|全国台联|中国残联|中国红十字会总会")
# National conferences held by one department of the Party Centre, which their reports seldom name
CONVENED_BY: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^全国组织部长会议"), "中共中央组织部"),
    (re.compile(r"^全国统战部长会议"), "中共中央统战部"),
    (re.compile(r"^全国党委秘书长会议"), "中共中央办公厅"),
    (re.compile(r"^(?:全国|中央)政法工作(?:电视电话)?会议"), "中共中央政法委员会"),
    (re.compile(r"^全国巡视工作会议"), "中央巡视工作领导小组"),
    (re.compile(r"^中央和国家机关党的工作"), "中央和国家机关工作委员会"),
]
# not a body: 部分全国人大代表座谈会, 各省区市党委…, 韩正在国务院食品安全委员会…, …仪式欢迎古巴国务委员会…
# (nor one that ends inside a book's title: 学习贯彻《关于深化人才发展体制机制|改革的意见》座谈会)
# (nor a topic that builds a mechanism: 建立健全…帮扶工作机制|工作推进会)
_NOT_BODY = re.compile(r"^(?:部分|各|历届|在京)|在|考察|欢迎|仪式|出席|会见|《[^》]*$|" + _BUILT_MECHANISM)


# The General Secretary gives a gathering's speech: 中共中央总书记…习近平出席会议并发表重要讲话
GS_SPOKE = re.compile(r"总书记[^。]{0,30}习近平[^。]{0,30}(?:出席[^。]{0,40}并|在会上|在大会上)发表重要讲话")
# One post of a chair's title: a committee or leading group and his place in it (中央网络安全和信息化委员会副主任)
_CHAIR_POST = re.compile(r"(?P<body>.{4,40}?(?:委员会|领导小组))(?:常务)?副?(?:主任|组长)$")
# What is no subject of a body's own: its level and kind (中央…工作领导小组 · 国务院…委员会)
_BODY_FRAME = re.compile(r"^(?:中央|国务院|全国)|(?:工作)?(?:委员会|领导小组)$")


def _chair_body_for(chair_title: str | None, series: str | None) -> str | None:
    """The body among the chair's posts whose subject the meeting is named for: he presides for it (李克强…国务院总理、
    中央网络安全和信息化委员会副主任 at 全国网络安全和信息化工作会议 → 中央网络安全和信息化委员会; 陈希…中央“不忘初心、
    牢记使命”主题教育领导小组常务副组长 at …“不忘初心、牢记使命”主题教育整改落实工作座谈会 → that group), not the
    State Council his first post names."""
    if not chair_title or not series:
        return None
    for post in re.split(r"、(?![^“”]*”)|兼", chair_title):  # (not at the 、 of a quoted name)
        pm = _CHAIR_POST.fullmatch(post)
        if pm and len(subject := _BODY_FRAME.sub("", pm.group("body"))) >= 4 and subject in series:
            return pm.group("body")
    return None


def _body_in_name(series: str | None) -> str | None:
    """The body a meeting's name opens with (中央文明委全体会议), or that of the meeting joined to it with 暨
    (推进“中国制造2025”工作现场会暨国家制造强国建设领导小组会议)."""
    for part in (series or "", *(series or "").split("暨")[1:2]):
        m = _BODY_NAMED.match(part)
        if m and not _NOT_BODY.search(m.group("body")):
            return m.group("body")
    return None


# 县安委会召开第一次全体（扩大）会议 · 区人大常委会召开党组（扩大）会议 · 我县召开乡村振兴工作暨…推进会 · 我市召开全国文明
# 城市创建…推进会 : the local body, or the place, the opening's first sentence says holds the gathering
# (not a post the chair holds: 省委常委、市委书记韩某主持召开市委常委会会议 is the city's; the words between the body and
# 召开 hold no post, no 主持 and no 、)
_LOCAL_SUBJECT = re.compile(
    r"(?:^|[，、\s）)]|(?<=[日午晚]))(?P<body>(?:(?P<my>我|全|本)|(?:中共)?(?P<place>[\u4e00-\u9fff]{2,8}?))?(?<!自治)(?P<k>[省市县区州旗])(?!场|域|块|区市)(?(my)|(?:委|政府|人民政府|人大常委会|人大|政协|安委会|"
    r"(?!场|域)[\u4e00-\u9fff]{1,12}?(?:指挥部|领导小组|委员会|防指))))(?:(?!书记|主持|[省市县区州]长|主任|常委、)[^，。、]){0,16}?(?:召开|举行)")
def _local_subject(sentence: str) -> re.Match | None:
    """The first local body or place that _LOCAL_SUBJECT finds holding the gathering, a place before it being a place
    (焦作市委召开…, not 京津冀及周边地区大气污染防治领导小组…召开)."""
    provinces, cities = places()
    for m in _LOCAL_SUBJECT.finditer(sentence):
        place, k = m.group("place"), m.group("k")
        if not place or place in cities or place in provinces or (place + k) in divisions():
            return m
    return None


_MUNICIPALITIES = MUNICIPALITIES
# A city's body or gathering named without its place (市委…, 全市…, 市政府…, 市政协…), not a market's, the citizens', a region's,
# the city's looks or its public works (市场…, 市民…, 市域…, 市容…, 市政工程…)
_NO_BODY_AFTER = r"(?!场|民|域|容|政(?!府|协)|区(?!委))"
_BARE_CITY = re.compile(rf"(?:中共)?(?:全|我|本)?市{_NO_BODY_AFTER}")
# a place the opening says holds the gathering: 3月29日，郑州市召开全市安全生产工作会议 · 近日，修武县在…召开…
_PLACE_HOLDS = re.compile(rf"(?:^|[，、\s])(?P<place>[{_CJK}]{{2,10}}?[省市县区旗州盟])(?:在[^，。]{{1,12}})?(?:召开|举行)")
# an autonomous county's full name opening a series: 秀山土家族苗族自治县
_AUTONOMOUS_COUNTY = re.compile(rf"[{_CJK}]{{2,12}}?自治县")
# a national body convening, as an opening names it before 召开: 财政部党组 · 中国人民银行 · 中央纪委国家监委 · 国家发展改革委
_NATIONAL_CONVENER = re.compile(r"中央|国家|国务院|全国|中国|[\u4e00-\u9fff]部(?:党组|党委)?(?=召开|举行|在)|总局|总署|银行")
# a local body or gathering named without its place: 县政府常务会议 · 全县… · 我市… · 区人大常委会…
_UNPLACED_LOCAL = re.compile(rf"(?:中共)?(?:全|我|本)?[市县区旗州盟]{_NO_BODY_AFTER}")
# a local post: 县委书记 · 副县长 · 市委常委 · 区长
_LOCAL_CHAIR = re.compile(r"[市县区旗州盟]委(?:常委|副书记|书记)|(?:常务|代)?副?[市县区旗州盟]长")
# a sitting named by its kind alone: 全体会议 · 党组会议 · 常委会会议 · 主任会议
_BARE_SITTING = re.compile(r"(?:全体(?:成员)?|党组|常委会?|主任|主席|常务)?(?:会议|议)")
# a province's, city's, county's or district's Party committee or government
LOCAL_ORGAN = re.compile(r"[省市县区州旗]委|[省市县区州旗](?:人民)?政府")
CAPITAL = re.compile(r"在京|在北京|人民大会堂|中南海|京西宾馆|钓鱼台")


# (…as the opening names the city's head: 州委常委、市委书记李某作出批示 · …出席会议并讲话)
_COUNTY_CITY_POST = r"[州盟地]委(?:常委|委员)、市(?:委(?:副)?书记|长)"
_COUNTY_CITY_HEAD = re.compile(rf"{_COUNTY_CITY_POST}[{_CJK}]{{2,3}}?(?:主持|作出批示|出席会议并讲话|出席并讲话|讲话)")


def _level(organ: str | None, series: str | None, province: str | None, city: str | None, chair_title: str | None = None,
           county: str | None = None, subject: re.Match | None = None, opening: str = "") -> str:
    text = (organ or "") + (series or "")
    national_chair = bool(re.match(r"中共中央|国务院|全国人大|全国政协|国家主席", chair_title or ""))
    # a body named by the meeting (国家科技教育领导小组, 京津冀协同发展领导小组) that a central leader chairs,
    # wherever it meets
    if not LOCAL_ORGAN.search(organ or "") and national_chair and not city:
        return "central"
    # a city whose secretary or mayor sits on a prefecture's committee (州委常委、市委书记) is a county-level city: a
    # prefecture-level city is under no prefecture
    if not city and not national_chair and (re.search(rf"{_COUNTY_CITY_POST}$", chair_title or "")
                                            or _COUNTY_CITY_HEAD.search(opening)) \
            and (_BARE_CITY.match(text) or (subject and subject.group("k") == "市" and not subject.group("place"))):
        return "county"
    # the local body or place the opening says holds it (我市召开全国文明城市创建…推进会: the city's, whatever its name says;
    # a province-level city's own is provincial: 北京市委…召开…)
    if subject and not text.startswith((*CENTRAL_ORGANS, "国家", "中共全国", "政协全国委员会")) and not national_chair:
        if subject.group("k") == "市" and ((subject.group("place") or "") in _MUNICIPALITIES
                                          or (not subject.group("place") and province in _MUNICIPALITIES and not city)):
            return "provincial"
        return "county" if county and subject.group("k") == county[-1] else _LEVEL_OF[subject.group("k")]
    # a league's or a prefecture's administrative office (行署, 行政公署) or committee (盟委) is a prefecture's, whatever its
    # gathering is called (行署党组会议暨理论学习中心组集体学习)
    if re.match(rf"(?:中共)?(?:[{_CJK}]{{2,10}}?(?:盟|地区))?(?:行署|行政公署|盟委)", organ or series or ""):
        return "municipal"
    if text.startswith(CENTRAL_ORGANS) or text.startswith(("中共中央", "中共全国", "国家", "政协全国委员会")) or (series or "").startswith(("全国", "中央", "全军")) \
            or "中央宣讲团" in (series or "") \
            or (not LOCAL_ORGAN.search(organ or "") and (re.fullmatch(NATIONAL_CONFERENCE_NAME, series or "") or (series or "").startswith("对口支援"))):
        return "central"
    if re.search(rf"县委|县政府|(?<!自治)区委|(?<!自治)区政府|县人民政府|旗委|旗政府|(?<!市)(?<!自治)[县区旗]{_LOCAL_TERM}(?:人大|政协)", text):
        return "county"
    # a report of a county-level place (庆城县委常委…主持召开马莲河…河长联席会议) whose meeting names no higher body
    # (after the national bodies: 国家发展改革委…座谈会, 昆山市政府…参加 is national)
    if county and not national_chair and not re.search(r"省|自治区|(?:市|州|盟)(?:委|政府|人民政府|人大|政协)", text.replace(county, "")):
        return "county"
    # (a county-level city's committee or government: 舞钢市委, named so or where the report is of 舞钢市)
    if county and re.search(rf"(?:^|中共|{county[:-1]}){county[-1]}{_LOCAL_TERM}(?:委|政府|人民政府|人大|政协)|^(?:全|我|本){county[-1]}(?!场|域)", text):
        return "county"
    # (a province-level city's own committee or government, 北京市委书记…主持召开市委常委会会议, is provincial)
    if province in _MUNICIPALITIES and not city and re.search(rf"市委|市政府|市人民政府|市{_LOCAL_TERM}(?:人大|政协)", text):
        return "provincial"
    if city or re.search(rf"市委|市政府|市人民政府|市{_LOCAL_TERM}(?:人大|政协)", text) \
            and not re.search(r"北京市|上海市|天津市|重庆市", text):
        return "municipal"
    if (local := _local_level(series, chair_title)):
        # (北京市委副书记、市长…主持召开…: a province-level city's is provincial)
        return "provincial" if local == "municipal" and province in _MUNICIPALITIES else local
    if province or re.search(r"省委|省政府|自治区|北京市|上海市|天津市|重庆市", text):
        return "provincial"
    return "other"


# A local gathering no body is named for says whose it is by its name (全市经济运行分析会 · 全县防汛工作会议 · 我市安全
# 生产紧急会议 · 市人大常委会主任会议 · 区十六届人大常委会) or by its chair's post (市委书记 · 县委副书记、县长 · 区长: the last
# of his posts). Not a market's, a region's or a province-and-ministry level's (市场…, 区域…, 县域…, 省部级…).
_LOCAL_NAME = re.compile(r"^(?:(?:全|我|本)(?P<all>省|市|州|盟|县|区|旗)(?!场|域|区市)|(?P<own>市|县|区|州|旗)(?=委|政府|人民政府|人大|人代会|政协|安委会|[一二三四五六七八九十]+届|(?!场|域|块)[\u4e00-\u9fff]{2,16}?(?:指挥部|领导小组))"
                         r"|(?P<cc>市县)(?=人大|政协))")
_LOCAL_POST = re.compile(r"(?P<capital>北京|上海|天津|重庆)?(?P<k>省|自治区|市|州|盟|县|区|旗)(?:党?委|长$|政府|人民政府|人大|政协)")
_LEVEL_OF = {"省": "provincial", "自治区": "provincial", "市": "municipal", "州": "municipal", "盟": "municipal",
             "县": "county", "区": "county", "旗": "county"}


def _last_post(chair_title: str | None) -> str:
    """The last of a chair's posts (州委副书记、市委书记 → 市委书记): the one he presides in."""
    return re.split(r"、|兼", chair_title or "")[-1]


def _local_level(series: str | None, chair_title: str | None) -> str | None:
    """The level of a gathering its name or its chair's post places in a province, city or county (else None)."""
    post = _last_post(chair_title)
    by_post = None
    if not re.search(r"中央|全国|国务院|国家", post) and (pm := _LOCAL_POST.search(post)):
        by_post = "provincial" if pm.group("capital") else _LEVEL_OF[pm.group("k")]
    if m := _LOCAL_NAME.match(series or ""):
        # (全区 is a region's as often as a district's: 广西壮族自治区召开全区经济工作会议, 自治区党委书记…主持; the chair's
        # post decides where it names one)
        return (by_post or "county") if m.group("all") == "区" else _LEVEL_OF[m.group("all") or m.group("own") or "市"]
    return by_post


UPSTREAM = re.compile(
    rf"(?:收听收看|传达学习|学习贯彻|传达贯彻|贯彻落实|学习传达)(?P<name>[{_CJK}“”、（）\d]{{2,40}}?(?:会议|座谈会|全会|集体学习))(?:之后|后|精神|的)"
)


def _upto_meeting(head: str, name: str | None) -> str:
    """Each sentence of the head up to the end of the meeting it names, where the meeting's own
    ordinal is stated (…召开第39次双周协商座谈会), leaving out later mentions of other meetings."""
    parts = []
    for line in re.split(r"[。\n]", head):
        m = _FIRST_MEETING.search(line)
        if m:
            parts.append(line[: m.end()])
    return "。".join(parts)


# The first meeting a sentence names (常委会 there is a body: 全国人大常委会第十九次会议).
_FIRST_MEETING = re.compile(_NAME_WORD)
# The Party's national congress, either way a report names it (党的二十大 · 中国共产党第二十次全国代表大会)
_PARTY_CONGRESS = r"(?:党的(?P<n>[一二三四五六七八九十]{1,3})大|中国共产党第(?P<n2>[一二三四五六七八九十]{1,3})次全国代表大会)"
PARTY_CONGRESS_SITS = re.compile(rf"{_PARTY_CONGRESS}[^。，]{{0,16}}?(?:举行|召开)预备会议")
PARTY_CONGRESS_PRESIDIUM = re.compile(rf"{_PARTY_CONGRESS}主席团")


def _party_congress(m: re.Match) -> str:
    """中国共产党第二十次全国代表大会, from a match of _PARTY_CONGRESS."""
    return f"中国共产党第{m.group('n') or m.group('n2')}次全国代表大会"


# A plenum series, and where its plenary's ordinal stands
PLENUM_ORDINAL = {
    "中共中央委员会全体会议": re.compile(r"(?<!纪律检查)委员会第([一二三四五六七八九十]{1,3})次全体会议|届([一二三四五六七八九])中全会"),
    "中共中央纪律检查委员会全体会议": re.compile(r"中央纪律检查委员会第([一二三四五六七八九十]{1,3})次全体会议|中央纪委([一二三四五六七八九])次全会"),
}
# What follows a congress's name where the congress is what sits: …全国代表大会举行第二次全体会议 · …大会第二次全体会议8日
_CONGRESS_SITTING = re.compile(r"[^。，]{0,12}?(?:举行|召开|开幕|闭幕|全体会议)")
# What may follow a session's name in the name of one of its sittings (…一次会议第三次全体会议).
_SITTING = re.compile(r"(?:第[^。，]{1,5}次)?(?:全体会议|联组会议|分组会议|开幕会|闭幕会|预备会议|全体会)?")


def _is_that_meeting(name: str, end: int) -> bool:
    """Whether a series pattern that matched a meeting's name up to `end` names the meeting itself, not
    another one the name goes on from: 十二届全国人大四次会议代表建议、批评和意见交办会 is no NPC session."""
    rest = name[end:]
    # (a name that runs on into another central meeting, …第二十四次会议决定十三届全国人大四次会议, is a
    # sentence read as a name: its first meeting is the one reported)
    return (not _FIRST_MEETING.search(rest) or _SITTING.fullmatch(rest) is not None
            or any(p.search(rest) for p, _, _ in CENTRAL_SERIES))


STUDY_GROUP = re.compile(rf"(?:(?:\d{{1,2}}日(?:上午|下午)?|近日|日前)，)?(?:中共)?(?:第?[一二三四五六七八九十]{{1,3}}届)?(?P<body>(?:全国|中央|国务院|最高)[{_CJK}]{{0,10}}?党组)(?:举行)?理论学习中心组"
                         rf"[^。]{{0,40}}?集体学习")
ELECTORAL_CONFERENCE = re.compile(r"(香港|澳门)(?:特区|特别行政区)?(?:全国)?人大代表选举会议")


def extract_meeting(title: str | None, body: str, published: datetime | None, chrome: str | None = None,
                    publisher: str | None = None, url: str | None = None) -> Meeting:
    if not is_meeting(title, body):
        return Meeting(False)
    flat, title = _flat(title), _phrases(title)
    for short, full in TITLE_FULL_NAMES.items():
        flat, title = (x.replace(short, full) if x else x for x in (flat, title))
    head = f"{title or ''}。{_opening(body)}"
    name = _meeting_name(title, body, flat)
    if name is None and (cm := CONGRESS.search(flat or "")):
        name = cm.group("name")
    # 习近平作出重要指示强调… 蔡奇主持中央党的建设工作领导小组会议并讲话 : a body's meeting the title says someone
    # chaired, where the opening reports something else (the instruction it conveyed)
    if name is None and (cm := CHAIRED_BODY_MEETING.search(flat or "")):
        name = cm.group("name")
    # 民革第十三次全国代表大会暨民革成立70周年纪念大会 : the congress sits; the party's anniversary is kept with it
    if name and (jm := _CONGRESS_WITH_ANNIVERSARY.match(name)):
        name = jm.group(1)
    # a congress's plenary (中国科协第十一次全国代表大会举行第二次全体会议) is the congress's: named by the body
    # in full where the opening gives it (中国科学技术协会第十一次全国代表大会第二次全体会议8日…)
    # (not a congress the opening only recalls: 中国共产党第十九次全国代表大会选举产生的中央纪律检查委员会，于…举行
    # 第一次全体会议 is the commission's plenum, which the title names)
    if name and _ORDINAL.sub("", name) in BARE_NAMES and (cm := next((m for t in (_opening(body), flat or "") for m in [CONGRESS.search(t)]
                                                                         if m and _CONGRESS_SITTING.match(t, m.end())), None)):
        name = cm.group("name")
    organ = series = None
    # The meeting's own name decides; the head (title and opening) only when no name was found, since
    # reports of other meetings often mention a central one (传达学习中央经济工作会议精神).
    # Without a name, only the title and the first sentence: a later sentence may mention another
    # meeting (主题教育总结会议…习近平在主持中央政治局会议…时发表了重要讲话).
    first_sentence = re.split(r"(?<=。)", body, maxsplit=1)[0][:300]
    # (a name that starts with its body, 推动长三角一体化发展领导小组第四次全体会议, names it whatever the head mentions)
    # (…but a session's 预备会议 is the session's: 十四届全国人大四次会议举行预备会议)
    texts = [name] if name and (_NAMES_BODY.search(name) or _body_in_name(name)) and not name.endswith("预备会议") \
        else [x for x in (name, f"{title or ''}。{first_sentence}") if x]
    for pat, o, s in NPC_BODIES:
        if title and pat.search(title):
            organ, series = o, s
            # a session's presidium is elected by it and named with it: 十四届全国人大一次会议主席团
            if (pm := SESSION_PRESIDIUM.search(title)) and o.endswith("主席团"):
                organ = pm.group(0)
            break
    if series is None and flat and BRIEFING.search(flat):
        organ, series = "中共中央", "中共中央党外人士通报会"
    # 栗战书主持十三届全国人大常委会履职学习专题讲座 whose text says 常委会组成人员第一次履职学习专题讲座: the title names the body
    if series is None and flat and NPC_LECTURE.search(flat):
        organ, series = "全国人大常委会", "全国人大常委会专题讲座"
    for text in texts if series is None else ():
        for pat, o, s in CENTRAL_SERIES:
            # (not another meeting whose spirit this one studies: …会议上强调 全面贯彻…中央经济工作会议精神)
            if (m := pat.search(text)) and (text != name or _is_that_meeting(name, m.end())) and not text.startswith("精神", m.end()):
                organ, series = o, s
                break
        if series:
            break
    province, city, county = place_of(title, body, chrome, None)
    text_county = county
    first_sentence = _opening(body).split("。")[0]
    # (a place the opening says holds it, 郑州市召开全市安全生产工作会议, is the meeting's, whoever's site reposts it)
    held = _place_named(h.group("place")) if city is None and (h := _PLACE_HOLDS.search(first_sentence)) else None
    if held:
        publisher, chrome, url = None, None, None
    # A city's or county's own site names itself the publisher (来源：焦作市人民政府, or a source.yaml's publisher): where a
    # report names its committee or government without a place (市委常委会会议), the place is the publisher's
    home_province, home_city, home_county = place_of(None, publisher, None, None) if publisher and city is None \
        and re.search(r"[省市县区州旗盟]", publisher) else (None, None, None)
    # (…or its paper or media centre by the place's short name: 来源：嘉兴日报 · 沈阳日报 · 宝坻融媒)
    if publisher and city is None and home_province is None and (hm := _MEDIA_OF_PLACE.match(publisher)):
        home_province, home_city, home_county = _place_by_short_name(hm.group("short"), hm.group("kind"), hm.group("media") in ("日报", "晚报"))
    # (…or, where the publisher names no city, the site the page is on: its identity code or the government that runs it)
    if city is None and home_city is None and chrome and (site := site_place(chrome)) is not None:
        home_province, home_city, home_county = site
    # (…or, where neither does, the site its web address names: pycsgl.puyang.gov.cn, www.ahfeixi.gov.cn, fanchengnews.com)
    if city is None and home_city is None and home_county is None and url and (site := address_place(url)) is not None:
        home_province, home_city, home_county = site
    if held:
        home_province, home_city, home_county = held
    # (a district's or county's site reposting its city's meeting: 市 there is the city, unless the county-level place is
    # itself a city, 舞钢市, whose 市委 is its own)
    # (…on a province-level city's district's site, 市 is that city: 市委常委会 on 石景山区's site is 北京's)
    if home_county and not home_county.endswith("市") and name and _BARE_CITY.match(name):
        home_county = None
        home_city = home_city or (home_province if home_province in _MUNICIPALITIES else None)
    county = county or (home_county if city is None else None)
    home_only_county = county if text_county is None else None
    if series is None and name:
        organ, series = _series_from_name(name, city or home_city, province or home_province, county)
        # (…nor is a body of a committee or government whose place nothing names: 县政府党组, 市委…领导小组)
        organ = organ or (None if re.match(r"[省市县区州](?:委|政府|人民政府|人大|政协)", (own := _body_in_name(series)) or "") else own)
        # 中共国务院党组召开会议 : the organ as named, the series as 国务院党组会议 (whether or not 中共 is said)
        if series and re.match(r"中共(?!中央)[^，。]{2,12}党组", series):
            series = series[2:]
        # 中国民主建国会第十二次全国代表大会: the party's congress (中国法学会全国会员代表大会: its members'; 中国和平统一促进会
        # 理事大会: its council's)
        if organ is None and series and (cs := next((x for x in ("全国会员代表大会", "会员代表大会", "全国代表大会", "全盟代表大会", "理事大会")
                                                      if series.endswith(x)), None)) and len(series) > len(cs) + 1:
            organ = series[: -len(cs)]
            # …a people's organisation's, by the name of the federation that holds it
            # (the Youth League's is its own, as a party's is: 中国共产主义青年团第十九次全国代表大会, the blind label)
            organ = {"中国妇女": "中华全国妇女联合会", "中国工会": "中华全国总工会",
                     "中华全国归国华侨": "中华全国归国华侨联合会"}.get(organ, organ)
    # 全国政协十三届四次会议举行视频会议 : a sitting of the session, as its plenaries are (ANNOTATION.md: 第三十次会议举行
    # 第三次全体会议 → the session's), not a series of video meetings
    if series == "全国政协视频会议" and title and re.search(rf"{_CPPCC}[^。，常]{{0,12}}次会议[^。，]{{0,4}}举行视频会议", title):
        series = "全国政协会议"
    # A body's short name by its full one, as its other reports give it (one series, not two)
    if organ in FULL_NAME_OF:
        full = FULL_NAME_OF[organ]
        organ, series = full, (series or "").replace(organ, full, 1) or None
    # 全国政协专门委员会主任会议 · …工作会议 : the special committees together are no body of their own; the CPPCC convenes
    # their meetings (all three blind labels)
    if organ == "全国政协专门委员会":
        organ = "全国政协"
    # 全国人大常委会党组举行会议 whose text says 中共全国人大常委会党组（中共十二届全国人大常委会党组）: the Party group by
    # the full name the report gives it (18 blind labels of 18), its series one whatever the report says (国务院党组会议)
    if organ and organ.endswith("党组") and not organ.startswith("中共") and \
            re.search(rf"中共(?:第?[一二三四五六七八九十]{{1,3}}届)?{re.escape(organ)}", f"{title or ''}。{body}"):
        organ = "中共" + organ
    # 第十三届全国政协党组理论学习中心组11月1日举行…集体学习 : the Party group's study group meets to study, whatever the title
    # calls it (全国政协党组集体学习, …党组会议 专题学习…): one series, …党组理论学习中心组集体学习 (all 7 blind labels)
    if (sg := STUDY_GROUP.match(_opening(body)[:120])) and (series is None or re.search(r"党组(?:集体学习|会议)$|^集体学习$", series)):
        series = sg.group("body") + "理论学习中心组集体学习"
    # 香港特区第十三届全国人大代表选举会议第一次全体会议 : the region's electoral conference sits in plenary, by its full name
    # (4 of the 6 blind labels; the series without its 届, the organ the conference)
    if series and (em := ELECTORAL_CONFERENCE.fullmatch(series)):
        place = em.group(1) + "特别行政区"
        organ = organ or f"{place}全国人大代表选举会议"
        series = f"{place}全国人大代表选举会议" + ("全体会议" if "全体会议" in (flat or "") else "")
    # 庆祝中华人民共和国成立76周年招待会 : the National Day reception (both blind labels: 国庆招待会), as is the one the CPPCC's
    # office and the united front's bodies hold jointly (…国务院台办联合举行国庆招待会: no body of the list convenes it alone)
    joint = bool(re.search(r"联合举行国庆招待会", flat or ""))
    if series == "庆祝中华人民共和国成立周年招待会" or (joint and series and series.endswith("国庆招待会")):
        series = "国庆招待会"
        organ = None if joint else organ
    # 全国人大常委会森林法执法检查组第一次全体会议 : the group the committee set up meets, and convenes it (both labels)
    if organ and series and series.startswith(organ) and (gm := re.fullmatch(r"([^。，]{2,30}?执法检查组)(?:全体)?会议", series[len(organ):])):
        organ = organ + gm.group(1)
    # 十四届全国人大一次会议解放军和武警部队代表团全体会议 : a session's delegation meets in plenary and convenes it;
    # the session's ordinal (一次会议) is not the plenary's (the blind label)
    delegation = re.fullmatch(r"([^。，]{2,20}代表团)全体会议", series or "")
    if delegation and organ is None:
        organ = delegation.group(1)
    # 党的二十大主席团 · 中国共产党第二十次全国代表大会主席团: one series for every congress's presidium
    if (cp := PARTY_CONGRESS_PRESIDIUM.search(f"{name or ''}。{flat or ''}")) and (series is None or "主席团" in series):
        organ, series = f"{_party_congress(cp)}主席团", "中国共产党全国代表大会主席团会议"
    # 党的十九大举行预备会议 : the congress's preparatory meeting, one series for every congress
    # (the congress holding it, not one the opening mentions: 中国共产党北京市第十三次代表大会举行预备会议，…全面贯彻党的二十大精神)
    elif series == "预备会议" and (cp := PARTY_CONGRESS_SITS.search(f"{flat or ''}。{_opening(body)[:80]}")):
        organ, series = _party_congress(cp), "中国共产党全国代表大会预备会议"
    # 现在播送中华人民共和国全国人民代表大会公告第五号。第十三届全国人民代表大会常务委员会委员长…已由第十三届全国人民代表大会
    # 第一次会议于…选出 : an announcement whose opening names no sitting is the session's, as the others are
    if series is None and title and NPC_ANNOUNCEMENT.search(title):
        organ, series = "全国人大", "全国人大会议"
    if organ and organ.startswith(("中共中央", "国务院")) or (series or "").startswith(("中央", "国务院", "全国", "中国共产党全国")) \
            or SEVERAL_PROVINCES.match(series or ""):
        province = city = None  # (部分省区…座谈会: several provinces' gathering, wherever it meets)
    session = None
    # Only the ordinal stated with the meeting itself: 中共中央政治局召开会议，讨论…第十四届全国人民代表大会
    # 第三次会议审议的《政府工作报告》 gives the Politburo meeting no ordinal.
    # A presidium's or committee's own ordinal, not that of the session it meets in (全国人大四次会议主席团
    # 第二次会议 → 2, 全国政协十四届一次会议主席团第二次会议 → 2); a committee states its own, or has none.
    after = _OWN_ORDINAL_AFTER.get(series) or ("主席团" if "主席团" in (name or "") else None)
    # a committee's ordinal stands in its title or name, right after it (the text goes on to the session)
    own = (title or "", name or "") if after == "委员会" else (title or "", name or "", head)
    for text in (own if after else (name or "", _upto_meeting(head, name))):
        if after:
            at = text.find(after) if after == "委员会" else text.rfind(after)
            text = text[at:] if at >= 0 else ""
        sm = SESSION.search(text)
        if sm:
            session = 1 if sm.group("first") else cn_to_int(sm.group("total") or sm.group("round") or sm.group("nth") or sm.group("bare") or sm.group("lecture") or sm.group("plenum"))
            break
    if session is None:
        if after:
            pm = next((m for t in (title or "", name or "") if after in t for m in [PLENARY.search(t[t.rfind(after):])] if m), None)
        else:
            pm = PLENARY.search(name or "") or PLENARY.search(_upto_meeting(head, name))
        session = cn_to_int(pm.group("nth")) if pm else None
    # a plenum's ordinal is its plenary's (…第一次全体会议, 四中全会, 二次全会), never the congress that elected the
    # committee (中国共产党第十九次全国代表大会选举产生的中央纪律检查委员会，…举行第一次全体会议)
    if series in PLENUM_ORDINAL and (pm := PLENUM_ORDINAL[series].search(f"{flat or ''}。{name or ''}。{head}")):
        session = cn_to_int(next(g for g in pm.groups() if g))
    if delegation:  # (its own plenary's ordinal stays: …代表团第三次全体会议)
        own = re.search(r"代表团第([一二三四五六七八九十]{1,3})次全体会议", f"{flat or ''}。{name or ''}。{_opening(body)[:200]}")
        session = cn_to_int(own.group(1)) if own else None
    chair, chair_title = chair_of(_opening(body), series)
    if chair is None:
        chair, chair_title = chair_of(title or "", series)
    # 8月20日，县委常委、政府常务副县长冉某召开招商引资推进会 : where neither the opening nor the title says who presided, the
    # convener the first sentence names, unless the body says later who presided over this meeting (会议由副市长李某主持)
    if chair is None and "主持" not in _opening(body) and "主持" not in (title or "") and not _PRESIDED_HERE.search(body):
        chair, chair_title = convener_of(body)
    if chair is None:
        chair, chair_title = chair_of(body, series)
    if chair is None:
        chair, chair_title = _leader_presiding_in_title(title, body)
    if chair is None:
        chair, chair_title = _leader_before_presiding(body, series or name)
    # 李克强在飞机上召开会议部署抗震救灾工作 · 韩正召开财税部门座谈会 : the leader who convened it, where no one is said to
    # preside, chairs it (both blind labels of such reports), with the title the report first gives him
    # (not 韩正在全国安全生产电视电话会议召开时讲话, a meeting he spoke at)
    if chair is None and flat and (cm := re.match(r"(?:\[视频\])?([\u4e00-\u9fff]{2,4}?)(?:在[^，。\s]{1,14}?)?召开(?!时|之际|期间)", flat)) \
            and cm.group(1) in leaders() and not MEETING_WORD.search(cm.group(0)):
        chair = cm.group(1)
        at = body.find(chair)
        seg = body[max(0, at - 40) : at] if at > 0 else ""
        chair_title = (_clean_title(seg) or None) if _TITLE_WORD_END.search(seg) else None
    # 会议执行主席是卢展工、马飚、陈晓光。…会议由陈晓光主持。 : the post the report names the chair to
    if chair and not chair_title and (pm := re.search(rf"(执行主席|常务主席)(?:是|为|：)[^。]{{0,40}}?{re.escape(chair)}", body)):
        chair_title = pm.group(1)
    # 中共中央政治局常委李克强、张德江…出席大会。…李克强在主持大会时说 : where the sentence he presides in gives no title,
    # the title just before the report's first mention of him, if any
    # (where his name is a name: not 王勇 inside 王勇平)
    at = next((m.start() for m in re.finditer(re.escape(chair), body) if name_at(body, m.start()) == chair), -1) if chair and not chair_title else -1
    if at > 0 and _TITLE_WORD_END.search(seg := body[max(0, at - 40) : at]):
        chair_title = _clean_title(seg) or None
    people: dict[tuple[str, str], Person] = {}
    if chair:
        people[(chair, "chair")] = Person(chair, chair_title, "chair")
    for p in speakers_of(body):
        people.setdefault((p.name, "speaker"), p)
    for p in attendees_of(body):
        people.setdefault((p.name, "attendee"), p)
    up = UPSTREAM.search(body[:600])
    # 二届市委召开108次常委会会议 · 县委书记张成主持召开七届常委会第67次会议 : a standing committee's sitting named without
    # its committee, which its chair's post names (市委书记 → 市委常委会会议, convened by the city's Party committee)
    # (…or the local body the opening's first sentence says held it: 义乌市委召开常委会会议 · 县安委会召开第一次全体（扩大）
    # 会议 · 区人大常委会召开党组（扩大）会议)
    subject = _local_subject(_opening(body).split("。")[0])
    if organ is None and series and re.fullmatch(r"常委会?(?:会议|议)", series) and chair_title \
            and (pm := re.search(r"([省市县区州])委(?:副)?书记$", _last_post(chair_title))):
        organ, series = _series_from_name(f"{pm.group(1)}委{series}", city or home_city, province or home_province, county)
    elif organ is None and series and _BARE_SITTING.fullmatch(series) and subject and not subject.group("my"):
        organ, series = _series_from_name(subject.group("body") + series, city or home_city, province or home_province, county)
    # (…and the place of a local organ the text named another way: 中国共产党乌审旗第十六届委员会 → 中共乌审旗委; or of a
    # gathering its name opens with: 2023年怀集县全面推行河湖长制暨重点水利工作会议)
    if province is None and city is None and organ and LOCAL_ORGAN.search(organ):
        province, city, county = place_of(None, organ, None, None)
    if province is None and city is None and series and (dm := _division_opening(series)):
        province, city, county = _placed(*dm)
    # Held in the capital (在京, 人民大会堂) by no named local body: a national gathering, not Beijing's, nor
    # that of a province it is about (纪念台湾光复80周年大会在京召开)
    in_capital = not city and "北京市" not in head and bool(CAPITAL.search(head)) and not LOCAL_ORGAN.search(organ or "")
    if in_capital:
        province = None
    # (a body named after the publisher's or the site's city is that city's, whatever province the text names besides:
    # 市委常委会…学习习近平总书记在重庆考察时的重要讲话精神 on 平顶山's site)
    # (the city's own body, not a province's that shares its name: 吉林省委 on 吉林市's site, 海南省委 on 海南州's)
    if city is None and home_city and organ and (hm := re.match(rf"(?:中共|政协)?{re.escape(home_city)}(市|州|盟|地区)?", organ)) \
            and (hm.group(1) or home_city not in places()[0]):
        province, city = home_province, home_city
    # (the county a page's publisher, site or address names makes no county's meeting of one a national body holds (财政部
    # 党组, 中国人民银行, reposted by a county's site), unless it is local by its own words: a body or gathering named without
    # its place (县政府常务会议, 全县…), the local body the opening says holds it, or a local chair)
    level_county = county
    if county is not None and county == home_only_county:
        others = (organ and not LOCAL_ORGAN.search(organ)) or _NATIONAL_CONVENER.search(re.split(r"召开|举行", first_sentence, maxsplit=1)[0])
        own_local = LOCAL_ORGAN.search(organ or "") or _UNPLACED_LOCAL.match(name or "") or _UNPLACED_LOCAL.match(series or "") \
            or subject or any(_LOCAL_CHAIR.fullmatch(post) for post in re.split(r"、|兼", chair_title or ""))
        level_county = None if others and not own_local else county
    level = _level(organ, series, province, city, chair_title, level_county, subject, _opening(body))
    # (…and a local gathering's place, where the report names none)
    if level in ("municipal", "county") and city is None and home_city:
        province, city = province or home_province, home_city
    elif level == "provincial" and province is None:
        province = home_province
    # (a province-level city's own gathering, 全市安全生产工作会议 on 石景山区's site, is provincial, with no city)
    if level == "municipal" and province in _MUNICIPALITIES and city == province:
        level, city = "provincial", None
    # …and so is one a national leader chairs where nothing names a place (李强主持大会), a gathering of several
    # provinces (部分省区市巡视工作座谈会), and any other national news of a meeting no place or local body is named
    # for (韩正出席迎峰度夏能源保供工作电视电话会议, 全总十六届一次执委会议, 农工党十五届二中全会): 1,142 labelled
    # meetings never had the level "other"
    if level == "other":
        level = "central"
    # A national gathering no body is named for is convened by the Party Centre or the State Council when the
    # General Secretary or the Premier chairs it, wherever it meets (哲学社会科学工作座谈会 → 中共中央, 习近平…在重庆
    # 主持召开新时代推动西部大开发座谈会 → 中共中央; 经济形势专家和企业家座谈会 → 国务院), or when the General Secretary
    # gives its speech (习近平…出席决战决胜脱贫攻坚座谈会并发表重要讲话); the army's (全军…会议) by the CMC.
    army = bool(re.search(r"军委|军队|全军", series or ""))
    if organ is None and level == "central":
        if (series or "").startswith(("全军", "军队")):
            organ = "中央军委"
        elif chair_title and not army and "总书记" in chair_title:
            organ = "中共中央"
        # (before the Premier's: he presides as the body's deputy head, not for the State Council; but a leading group's
        # head who chairs where the General Secretary gives the speech chairs for the Party Centre, as the same
        # series' other reports have it: 习近平在推进“一带一路”建设工作5周年座谈会上发表重要讲话，…韩正…领导小组组长主持)
        elif (own := _chair_body_for(chair_title, series)) and not (own.endswith("领导小组") and GS_SPOKE.search(_opening(body))):
            organ = own
        elif chair_title and not army and re.search(r"国务院总理|(?<!副)总理$", chair_title):
            organ = "国务院"
        # (the Discipline Commission's secretary its: 王岐山…主持召开部分中央和国家机关纪检组组长座谈会, both labels)
        elif chair_title and re.search(r"中央纪委书记$", chair_title):
            organ = "中央纪委"
        elif not army and GS_SPOKE.search(_opening(body)):
            organ = "中共中央"
        # national conferences of one department of the Party Centre, which the report need not name
        elif cv := next((o for pat, o in CONVENED_BY if pat.search(series or "")), None):
            organ = cv
        # the opening's subject convenes it: 11日，国务院召开全国深化“放管服”改革优化营商环境电视电话会议
        elif cm := re.match(rf"(?:[^，。]{{0,12}}，)?({CONVENERS})"
                            r"(?:\d{1,2}月)?(?:\d{1,2}日|今天|今日|昨天)?(?:上午|下午|晚上?)?(?:在[^，。]{1,12}?)?(?:召开|举行)", _opening(body)):
            organ = FULL_NAME_OF.get(cm.group(1), cm.group(1))
        # the CPPCC's chairman holds the CPPCC's (汪洋…全国政协主席…主持召开调研协商座谈会), the NPC Standing
        # Committee's chairman its (张德江…全国人大常委会委员长…主持召开民法总则草案座谈会)
        # (…and the Party Centre's where he acts for it: 汪洋…主持召开脱贫攻坚约谈会议…党中央决定直接约谈…县委书记)
        elif chair_title and (cm := re.search(r"(全国政协)(?:主席|副主席兼秘书长)$|(全国人大常委会)委员长$", chair_title)) \
                and not re.search(r"中共中央(?:召开|举行)", f"{title or ''}。{head}"):
            organ = "中共中央" if FOR_THE_CENTRE.search(body[:400]) else cm.group(1) or cm.group(2)
        # the head of one of the Party Centre's departments chairs its gathering (李书磊…中宣部部长 · 尤权…中央统战部部长
        # 主持: 6 of the blind labels of such reports)
        # (not a body's own anniversary: 庆祝中国和平统一促进会成立30周年大会, though the 统战部's head chairs it)
        elif chair_title and (dm := re.search(r"(中宣部|中央宣传部|中央统战部|中央组织部)部长$", chair_title)) \
                and not re.search(r"成立\d*周年", series or ""):
            organ = FULL_NAME_OF[dm.group(1)]
        # …last, a Vice Premier's 座谈会 or 会议 of no body of its own (韩正…国务院副总理…主持召开药品和高值医用耗材集中带量
        # 采购工作座谈会: 3 of the 4 blind labels of such reports; not 京津冀协同发展工作推进会议, 三峡工程建委会全体会议, a
        # 部际联席会议, whose bodies the reports name otherwise; after a convener the opening names)
        elif chair_title and not army and re.search(r"国务院副总理$", chair_title) and not re.search(
                r"委员会|建委会|领导小组|联席会议|协同发展|纪念|庆祝|开工", series or ""):
            organ = "国务院"
    # 俞正声主持召开调研协商座谈会 · 网络议政远程协商会 : the CPPCC's kinds of gathering are named with it, as its
    # reports mostly name them (全国政协网络议政远程协商会), one series whether or not a title says 全国政协
    # (not where the chairman acts for the Party Centre: 代表党中央向广大民营企业家表示新春慰问 · 党中央决定直接约谈)
    if organ == "全国政协" and series and not series.startswith(("全国", "部分", "历届", "《", "中", "纪念", "庆祝")) \
            and not FOR_THE_CENTRE.search(body[:400]):
        series = "全国政协" + series
    # (an autonomous county's series by its short name however the report names it, its organ keeping the full name, as the
    # local reports' labels have it: 秀山土家族苗族自治县委常委会会议 and, on its site, 县委常委会会议 are both 秀山县委常委会会议)
    if series and "自治县" in series[:16] and (am := _AUTONOMOUS_COUNTY.match(series)) and (d := divisions().get(am.group(0))):
        series = d.short + "县" + series[am.end() :]
    return Meeting(
        is_meeting=True,
        name=name,
        meeting_date=meeting_date(body, title, published),
        organ=organ,
        series=series,
        session_no=session,
        chair=chair,
        chair_title=chair_title,
        level=level,
        province=province if level != "central" else None,
        city=city if level in ("municipal", "county") else None,
        upstream_meeting=up.group("name") if up else None,
        people=list(people.values()),
    )
