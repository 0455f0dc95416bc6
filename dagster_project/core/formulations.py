"""Formulations (提法): quoted slogans, numbered formulas quoted or not, and hits of the curated lexicon,
whole formulations only, each occurrence with its offsets (ANNOTATION.md §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from .lexicon import formulas
from .numerals import CN_NUMERAL

# “外防输入、内防反弹” · 「双节」 : the quoted string, 2 to 20 characters, no sentence end inside.
QUOTED = re.compile(r"[“「](?P<q>[^“”「」。！？\n]{2,20})[”」]")
# A quote inside a quote: “制定国民经济和社会发展‘十五五’规划” · “坚决捍卫人民群众‘舌尖上的安全’” : the inner
# quote is a formulation of its own (every blind label that names the slogan names the inner one), whatever the outer is
OUTER_QUOTE = re.compile(r"“[^“”\n]{3,300}”")
INNER_QUOTED = re.compile(r"‘(?P<q>[^‘’“”。！？\n]{2,20})’")
# Quoted speech rather than a slogan: the quote follows a speech verb and a colon.
SPEECH_BEFORE = re.compile(r"(?:说|表示|指出|强调|认为|写道|称|问|答)[：:]?\s*$")
# Numbered formulas: 两个确保 · 四个意识 · 五个报备 · 三大攻坚战 · 11类重点人员 · 十四五
_NUM = f"[{CN_NUMERAL}]"
NUMBERED = re.compile(
    # (the look-ahead lets the engine skip at once past every character that starts no numeral: a third of the cost)
    rf"(?=[{CN_NUMERAL}\d])(?P<f>(?:{_NUM}|\d){{1,2}}类重点人员"
    rf"|(?<![{CN_NUMERAL}第])[两二三四五六七八九十]个(?:确保|维护|确立|意识|自信|全面|坚持|必须|务必|着力|对照|找一找|区分开来|报备|一百年|毫不动摇|大局|积极性|服从|伟大(?!民族|国家|人民|的)|务必|革命|不吃亏|优先|结合|落实|清单|有利于)"
    # (not the 九大 of 十九大战略安排, the 十大 of 二十大战略部署, nor 十大战略性新兴产业)
    rf"|(?<![{CN_NUMERAL}])[三四五六七八九十]大(?:攻坚战|标志性战役|全球倡议|战略行动|战略(?!性|安排|部署)|工程|行动|任务|体系|检察)"
    rf"|十[一二三四五六]五(?:规划)?)"
)
# after a quote (and any quotes that follow it): the words that make it a topic
# (not a campaign's: “…”主题教育, “…”主题实践活动, 以“…”为主题的教育实践活动 are formulations)
TOPIC_AFTER = re.compile(r"(?:[“「][^”」\n]{0,60}[”」])*(?:等)?(?:专题(?=[进协座讨询调研会。，、])|的?议题|的主题(?!(?:教育|实践|宣传|学习)?活动|教育|实践)|调研|为主题(?!的(?:教育|实践|宣传|学习|活动))|为题|为议题|"
                         r"建言|协商议政|进行讨论|进行协商|课题)")
EVENT_NAME = re.compile(r"(?:大会|会议|论坛|峰会|博览会|运动会|座谈会|研讨会|开幕式|闭幕式)$")
# Between two quotes of one run: “A”“B” · “A”、“B” · “A”和“B”
_QUOTE_RUN_GAP = re.compile(r"\s*[、，,和与及或]?\s*")
# “中国人民解放军海南省三沙警备区” : the name of a body or unit, not a slogan
BODY_NAME = re.compile(r"(?:警备区|军分区|委员会|研究院|研究所|有限公司|集团公司|基金会)$")
# “加强政策沟通和战略对接”平行主题会议 · “…与人权事业发展”云上边会 : the quote names a gathering
EVENT_AFTER = re.compile(r"(?:平行|分)?(?:主题)?(?:会议|论坛|分论坛|研讨会|座谈会|峰会|(?:云上)?边会)")
# 主题为“古典文明与现代世界” · 题为“…” · 关于“…”的提问 : an event's theme or a question's topic
TOPIC_BEFORE = re.compile(r"(?:主题(?:为|是)|题为|题目(?:为|是))[：:]?\s*$")
# 宪法第六十二条“全国人民代表大会行使下列职权”中增加一项 · “健全社会主义法制”修改为“健全社会主义法治” · 在“自力更生，
# 艰苦奋斗”前增写“贯彻新发展理念” : the wording of a text that an amendment rewrites, not a slogan
LEGAL_BEFORE = re.compile(r"(?:修改为|[前后]增加|增写|作为第[一二三四五六七八九十百零\d]+(?:条|款|项|节|章))[：:]?\s*$")
# (a quote followed by 后增加 is rewritten only when what is added is quoted too: not 落实“双减”后增加课后服务时长)
LEGAL_AFTER = re.compile(r"(?:修改为|[前后]增[加写](?:[：:])?“|中增[加写]|中删去|中第[一二三四五六七八九十百零\d]+(?:项|款))")
# 指尖上的… · 舌尖上的… · 车轮上的… : a slogan's figure of speech, though it holds 的
FIGURE = re.compile(r"(?:指尖|舌尖|车轮|轨道|头顶|脚下|餐桌|酒桌|饭桌|键盘|纸面|口头|嘴|会桌|文件|舞台|屏幕|墙|路)上的")
# 两个“毫不动摇” : a count before a quote makes one numbered formula of both (not 一个“…”, 第二个“…”)
COUNTED_QUOTE = re.compile(r"(?<![第一二三四五六七八九十])[两三四五六七八九十]个$")
# A numbered formula holds a numeral (两个确保, 双碳, 一带一路, 中央八项规定) or digits (中国制造2025). 零 and 〇
# are not such numerals: in 动态清零 零 is "zero", and the policy counts only where a report quotes it
# (“动态清零”), as every blind labeller of an unquoted 坚持动态清零 read it (〇 numbers years, 二〇二五年).
NUMBERED_SURFACE = re.compile(rf"[{CN_NUMERAL.replace('零', '').replace('〇', '')}双\d]")


@dataclass
class Formulation:
    surface: str
    canonical: str
    kind: str  # quoted, numbered, lexicon
    char_start: int
    char_end: int


@lru_cache(maxsize=1)
def _automaton():
    """The lexicon's numbered surfaces (两个维护, 六稳, 十四五, 一带一路): unquoted, only they count."""
    a = ahocorasick.Automaton()
    for surface, canon in formulas().canonical_of.items():
        if NUMBERED_SURFACE.search(surface):
            a.add_word(surface, (surface, canon))
    if len(a) == 0:
        return None  # a lexicon without numbered formulas
    a.make_automaton()
    return a


def canonical_form(surface: str) -> str:
    """One spelling for variants of one formulation: quotes dropped, 、 for any list separator,
    the lexicon's canonical form where it knows the surface."""
    s = surface.strip("“”「」\"' ")
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"[，,]", "、", s) if not re.search(r"[，,].{5,}[，,]", s) else s
    return formulas().canonical_of.get(s, s)


_DATE_NAME = re.compile(r"\d{1,2}\s*[·.．・]\s*\d{1,2}")
# (…and the dates before it in a list: “5·12”、“4·20”两次地震 · 昆明“3·01”、乌鲁木齐“4·30”…暴力恐怖袭击案件; 事变, “9·18”事变)
_INCIDENT_AFTER = re.compile(rf"(?:[、和与及]?[^，。；：“”\n]{{0,6}}“{_DATE_NAME.pattern}”)*[^，。；：“”\n]{{0,24}}?"
                             r"(?:事故|地震|强震|暴雨|山洪|泥石流|滑坡|坍塌|火灾|爆炸|(?<![方提档答议草预])案|事件|事变|袭击|暴恐|恐怖|灾|航班|遇难)")


def _is_slogan(q: str, before: str, after: str = "", held_off: bool = False) -> bool:
    """A quoted string that names a slogan, formula, campaign or initiative, not speech, scare quotes or
    the topic of a discussion."""
    lex = formulas()
    if q in lex.not_formulations:
        return False
    if q in lex.canonical_of:
        return True
    if SPEECH_BEFORE.search(before):
        return False
    # 所谓“立法院” · 所谓“新冷战” : words the report holds at a distance, not its slogan (7 of the 8 blind labels)
    if held_off:
        return False
    # 围绕“重视去产能过程中职工就业再就业问题”建言献策 · 以“儒学：文明多样性与现代化”为主题 ·
    # 开展“A”“B”…等调研 · “A”“B”等专题进行讨论 : what a meeting discussed, not a slogan
    if TOPIC_AFTER.match(after) or EVENT_AFTER.match(after) or TOPIC_BEFORE.search(before):
        return False
    if LEGAL_BEFORE.search(before) or LEGAL_AFTER.match(after):
        return False
    if re.search(r"关于$", before) and re.match(r"的(?:提问|问题)", after):
        return False
    # 针对“基层扶贫资金如何安全高效使用”的问题 : a question asked, not a slogan
    if re.match(r"的?问题", after) and re.search(r"如何|怎么|怎样|为何|为什么|是否", q):
        return False
    if re.search(r"[我你他她]们?|吗|呢|吧", q):
        return False
    # “评什么”“谁来评”“怎么用” : three-character questions a report asks, not slogans (a longer one may be a
    # formula: “谁来种地”, “三个如何”, “什么是社会主义、怎样建设社会主义”, “仗怎么打、兵就怎么练”)
    if len(q) <= 3 and re.search(r"什么|怎么|如何|为何|谁来|哪些|哪里", q):
        return False
    # “1911”“2021” (a year on a banner), “7.5%”, “3.01” : a number, not a slogan, as “461” (中非合作框架) is
    if re.fullmatch(r"(?:1[89]|20)\d\d(?:[—–－-](?:1[89]|20)\d\d)?年?|\d+(?:\.\d+)?%|\d+\.\d+", q):  # “1922—2022” · “1818－2018”
        return False
    # 河南郑州“7·20”特大暴雨 · 响水“3·21”特别重大爆炸事故 · “5·22”暴恐案件 : an incident named by its date, not a slogan (the
    # blind labels of 3·21, 8·12, 7·20, 4·20 and 3·01 count none of 9; not “3·15”国际消费者权益日 nor “7·26”重要讲话, which they do)
    if _DATE_NAME.fullmatch(q) and _INCIDENT_AFTER.match(after):
        return False
    # “纪念辛亥革命110周年大会” (a banner), “…论坛” : the name of a gathering, not a slogan
    if EVENT_NAME.search(q) or BODY_NAME.search(q):
        return False
    if len(q) == 2:
        # Two characters: a formula when numbered (两会, 双节, 三农), else usually a scare quote (哨点, 加法).
        return q[0] in "两双三四五六七八九十百千万" or bool(re.search(r"\d", q))
    # A quoted topic or phrase with 的 is a title or a description, not a slogan; a figure of speech
    # (“指尖上的形式主义”, “舌尖上的安全”, “车轮上的腐败”) is one.
    if "的" in q and len(q) > 5 and not FIGURE.match(q):
        return False
    return True


def _inner_slogan(q: str, before: str, after: str) -> bool:
    """A quote inside a quote that names a slogan. The lexicon's and numbered ones are (‘十四五’, ‘四个面向’, ‘三农’, ‘七一’);
    of the others, not one after 的 or 这只 (没有免罪的‘丹书铁券’, 这只‘有形的手’: figures of speech, as a review of all the
    corpus's inner quotes found 12 of 12 there), nor one of three characters or fewer (‘金娃娃’, ‘借东风’: 16 figures or names
    of 26 there; the short slogans among them, 回头看, 执行难, 土特产, 非农化, are in the lexicon)."""
    # (‘百姓点菜’ opens with no numeral; 所谓‘人权外交’ holds it off, as at the top level)
    known = q in formulas().canonical_of or re.match(r"[一二两三四五六七八九十百千万双\d](?!姓)", q)
    if not known and (re.search(r"(?:的|这只)$", before) or (len(q) <= 3 and "+" not in q)):
        return False
    return _is_slogan(q, before, after, before.endswith("所谓"))


# "净网2014" · "扫黄打非" : a pair of ASCII quotes in one line, as older reports write “…” (the same length, so offsets hold)
_ASCII_QUOTED = re.compile(r'"([^"\n]{1,40}?)"')
# An ASCII quote counts only where it is plainly a slogan: the corpus's not_formulations.txt was made from its “…”
# quotes, and its "…" quotes (older features and 快讯: ship, rocket, programme and prize names, scare quotes) were never
# read into it. So: a lexicon entry, a numbered formula (五包一 · 外资十条 · 2+7), a campaign's year (净网2014), a
# parallel slogan (照镜子、正衣冠…), or a quote followed by what names a slogan (…"活动 · …"的政策 · …"理念).
_ASCII_NUMBERED = re.compile(r"^(?:[一二两三四五六七八九十百千万双]|\d(?!\d{3})(?!\d*$))|[一二两三四五六七八九十]个|[两三四五六七八九十]大|[一二两三四五六七八九十\d]+条|^[\u4e00-\u9fff]{2,4}20\d\d$")
# (not what a numeral merely opens: 七七科技公司 · 感动中国十大人物 · an event's date, "2·19" "4·20", an exercise's code,
# "使命行动-2013" "和平使命-2021")
_ASCII_NOT_NUMBERED = re.compile(r"^\d{1,2}[·.．]\d{1,2}$|(?:公司|集团|人物|号|线)$")
# a quote that itself names a campaign or a spirit ("春季行动" · "北京精神" · "优质粮食工程"), or that follows a verb
# that carries one out ("践行"北京精神"" · "启动试点"医药分开"" · "落实好"支部建在连上"这一重要原则")
_ASCII_NAMES = re.compile(r"(?:行动|活动|工程|计划|精神|战略)$")
_ASCII_BEFORE = re.compile(r"(?:践行|弘扬|贯彻|落实好?|实施|推行|推广|试点|实现|倡导|共建|融入到?)$")
_ASCII_AFTER = re.compile(r"(?:等|这一(?:重要)?)?[^“”\n]{0,3}?(?:活动|行动|工程|计划|战略|政策|理念|总要求|要求|精神|措施|模式|制度|改革|帮扶|原则|方针|目标|倡议|标准|理论|经验|主题教育|工作|战线|建设)")


def _ascii_slogan(q: str, after: str, before: str = "") -> bool:
    # (not a pair that is no pair: 屏幕为32"，另一台为40" · inch marks, seconds, a quote's close and the next one's open)
    if re.match(r"[，、。；：,.;:！？)）]", q) or re.search(r"[，、；：,;:(（]$", q):
        return False
    numbered = bool(_ASCII_NUMBERED.search(q)) and not _ASCII_NOT_NUMBERED.search(q)
    # (a parallel slogan of short parts: 照镜子、正衣冠、洗洗澡、治治病; not a sentence quoted, 没机会为湖北拼命，现在就为湖北拼个单)
    parallel = bool(re.search(r"[、，]", q)) and all(1 < len(p) <= 8 for p in re.split(r"[、，]", q))
    return q in formulas().canonical_of or numbered or parallel or bool(_ASCII_NAMES.search(q)) \
        or bool(_ASCII_BEFORE.search(before)) or bool(_ASCII_AFTER.match(after))


def extract_formulations(body: str) -> list[Formulation]:
    ascii_at: set[int] = set()  # where a "…" quote was read as “…”
    if '"' in body:
        ascii_at = {m.start() for m in _ASCII_QUOTED.finditer(body)}
        body = _ASCII_QUOTED.sub(lambda m: f"“{m.group(1)}”", body)
    found: list[Formulation] = []
    held_until = -1  # the end of the last quote 所谓 held off
    for m in QUOTED.finditer(body):
        raw = m.group("q")
        q = raw.strip()
        start = m.start("q") + len(raw) - len(raw.lstrip())  # “ 外防输入 ” : offsets of the words, not the spaces
        before = body[max(0, m.start() - 6) : m.start()]
        # 所谓“普世人权”“人权高于主权” · 所谓“弹性外交”、“双重承认” : every quote of the run 所谓 opens (a slogan of the
        # lexicon stays one: 所谓“台独”; a term 所谓 defines, 所谓“黑袋行动”，是指…, is mostly a foreign one in the corpus)
        held_off = before.endswith("所谓") or (held_until >= 0 and _QUOTE_RUN_GAP.fullmatch(body, held_until, m.start()) is not None)
        held_until = m.end() if held_off else -1
        # (only where the quote ends a clause or a noun phrase, 三个“伟大飞跃”的意义: 三个“万亿”台阶, 六个“一带一路”
        # 沿线国家, 两个“90”后 count things)
        nm = COUNTED_QUOTE.search(before) if q == raw and not re.search(r"\d", q) and re.match(
            r"[，。；、：！？的和为]|$", body[m.end() : m.end() + 1]) else None
        # (…whatever the quoted word alone would be: 四个“坚持”为高质量发展指明了方向 is the formula 四个坚持; not a scare
        # quote counted, 两个“黑匣子”, nor a count that refers back or tallies, 这两个“共识”, 上述两个“共识”, 一连三个“不知道”)
        counted = nm is not None and len(q) <= 4 and not held_off and not re.search(r"(?:这|那|一连|上述)$", before[: nm.start()]) \
            and (q not in formulas().not_formulations or nm.group(0) + q in formulas().canonical_of)
        if m.start() in ascii_at and not counted and not _ascii_slogan(q, body[m.end() : m.end() + 12], before):
            continue
        if q and (counted or _is_slogan(q, before, body[m.end() : m.end() + 300], held_off)):
            if nm:
                # 两个“毫不动摇” · 五个“新突破” : the numbered formula whole (ANNOTATION.md §3), as written, its
                # canonical form without the quotes
                begin = m.start() - len(nm.group(0))
                found.append(Formulation(body[begin : m.end()], canonical_form(nm.group(0) + q), "numbered", begin, m.end()))
            else:
                found.append(Formulation(q, canonical_form(q), "quoted", start, start + len(q)))
    inner: set[tuple[int, int]] = set()  # spans of quotes inside quotes: never a piece of the outer one
    if "‘" in body:
        for o in OUTER_QUOTE.finditer(body):
            for m in INNER_QUOTED.finditer(body, o.start() + 1, o.end() - 1):
                q = m.group("q")
                if q == q.strip() and _inner_slogan(q, body[max(o.start() + 1, m.start() - 6) : m.start()], body[m.end() : o.end() - 1]):
                    found.append(Formulation(q, canonical_form(q), "quoted", m.start("q"), m.end("q")))
                    inner.add((m.start("q"), m.end("q")))
    for m in NUMBERED.finditer(body):
        f = m.group("f")
        found.append(Formulation(f, canonical_form(f), "numbered", m.start("f"), m.end("f")))
    # Unquoted, only numbered formulas count (两个维护, 六稳, 十四五, 一带一路); an unnumbered lexicon
    # entry (高质量发展) is a formulation where the report quotes it, which the quoted pass finds.
    for end, (surface, canon) in (auto.iter(body) if (auto := _automaton()) is not None else ()):
        found.append(Formulation(surface, canon, "lexicon", end - len(surface) + 1, end + 1))
    return _whole_only(found, inner)


def _whole_only(found: list[Formulation], inner: set[tuple[int, int]] = frozenset()) -> list[Formulation]:
    """Drop a match inside a longer one (a piece of a slogan, but not a quote inside a quote) and repeats
    of the same span."""
    found.sort(key=lambda f: (f.char_start, -(f.char_end - f.char_start), {"quoted": 0, "lexicon": 1, "numbered": 2}[f.kind]))
    out: list[Formulation] = []
    for f in found:
        inside = (f.char_start, f.char_end) not in inner and any(
            o.char_start <= f.char_start and f.char_end <= o.char_end and (o.char_end - o.char_start) > (f.char_end - f.char_start) for o in out)
        same = any(o.char_start == f.char_start and o.char_end == f.char_end for o in out)
        if inside:
            # A piece of a longer formulation, even of a quoted list of them (“和平统一、一国两制”): the
            # report uses the whole (ANNOTATION.md §3: whole formulations, never their pieces).
            continue
        if same:
            continue
        out.append(f)
    return out
