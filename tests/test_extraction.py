"""Meetings, directives and formulations on real reports, per ANNOTATION.md."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dagster_project.core.directives import extract_directives
from dagster_project.core.formulations import extract_formulations
from dagster_project.core.meetings import attendees_of, extract_meeting, meeting_id_for

from .labelled import load_gold, norm, prf


@pytest.fixture(scope="module")
def gold():
    return {g.name: g for g in load_gold()}


@pytest.fixture(scope="module")
def seed(gold):
    g = gold["seed_jiaozuo"]
    return g.doc, extract_meeting(g.doc.title, g.doc.body, g.doc.published_at, g.doc.page_chrome)


def test_seed_meeting(seed):
    doc, m = seed
    assert m.is_meeting
    assert m.meeting_date == date(2021, 12, 11) and doc.published_at.date() == date(2021, 12, 14)
    assert (m.chair, m.chair_title) == ("葛巧红", "市委书记")
    assert (m.level, m.province, m.city, m.session_no) == ("municipal", "河南", "焦作", 9)
    assert m.series == "焦作市委新冠肺炎疫情防控工作专题会议" and m.organ == "中共焦作市委"
    assert m.upstream_meeting == "省委新冠肺炎疫情防控工作第九次专题会议"
    people = {(p.name, p.role) for p in m.people}
    assert {("葛巧红", "chair"), ("李亦博", "speaker")} <= people
    assert {n for n, r in people if r == "attendee"} == {"牛书军", "路红卫", "王朝杰", "薛志杰", "鲁文明", "杨吉喜"}


def test_seed_directives_by_speaker_with_the_sub_list_under_the_third(seed):
    doc, m = seed
    ds = extract_directives(doc.body, m, doc.title)
    enumerated = [(d.speaker, d.ordinal, d.headline) for d in ds if d.kind == "enumerated"]
    assert enumerated == [
        ("葛巧红", 1, "做好当前工作"), ("葛巧红", 2, "坚持问题导向"), ("葛巧红", 3, "抓住几个关键"), ("葛巧红", 4, "统筹发展和安全"),
        ("李亦博", 1, "密切关注疫情形势"), ("李亦博", 2, "把牢外防输入关口"), ("李亦博", 3, "加强重点场所防控"),
        ("李亦博", 4, "强化疫情监测预警"), ("李亦博", 5, "提升应急处置能力"), ("李亦博", 6, "严格落实各方责任"),
    ]
    third = next(d for d in ds if d.kind == "enumerated" and d.speaker == "葛巧红" and d.ordinal == 3)
    under = [d.headline for d in ds if d.parent_seq == third.seq]
    assert [h for h in under if h.startswith("要紧盯")] == ["要紧盯关键人", "要紧盯关键部门场所", "要紧盯关键事"]
    for d in ds:
        assert doc.body[d.char_start : d.char_end] == d.text
        assert d.strength_rank in (1, 2, 3, 4, 5)


def test_seed_formulations(seed):
    doc, _ = seed
    forms = extract_formulations(doc.body)
    canon = {f.canonical for f in forms}
    assert {"两个确保", "三链同防", "五个报备", "四早", "两会", "双节", "十四五"} <= canon
    assert "哨点" not in canon  # scare quotes are not formulations
    for f in forms:
        assert doc.body[f.char_start : f.char_end] == f.surface


def test_reports_of_one_meeting_share_an_id(gold):
    a, b = gold["csv_politburo_40"].doc, gold["xwlb_VIDEZjZNDnesH9KS63aZ41Ar210531"].doc  # gov.cn and the broadcast
    ma, mb = (extract_meeting(d.title, d.body, d.published_at) for d in (a, b))
    assert ma.series == mb.series == "中共中央政治局会议"
    assert ma.meeting_id == mb.meeting_id == meeting_id_for("中共中央政治局会议", date(2021, 5, 31))


def test_central_bank_ordinal_and_series(gold):
    g = gold["csv_pboc_0"].doc
    m = extract_meeting(g.title, g.body, g.published_at)
    assert (m.series, m.session_no, m.meeting_date) == ("中国人民银行货币政策委员会例会", 107, date(2024, 12, 27))


# Floors measured on the labelled set (bench/eval_labelled.py prints every miss); they guard
# against regressions, the targets of the issue are higher.
def test_accuracy_on_the_labelled_set(gold):
    fields = ["is_meeting", "meeting_date", "series", "chair"]
    right = dict.fromkeys(fields, 0)
    counted = dict.fromkeys(fields, 0)
    tp = fp = fn = ftp = ffp = ffn = 0
    for g in gold.values():
        doc, lab = g.doc, g.labels
        m = extract_meeting(doc.title, doc.body, doc.published_at, doc.page_chrome, doc.publisher)
        got = {"is_meeting": m.is_meeting, "meeting_date": m.meeting_date and m.meeting_date.isoformat(), "series": m.series, "chair": m.chair}
        for f in fields:
            if f == "is_meeting" or lab["is_meeting"]:
                counted[f] += 1
                right[f] += got[f] == lab[f]
        found = {(d.speaker, d.ordinal, norm(d.headline)) for d in extract_directives(doc.body, m if m.is_meeting else None, doc.title) if d.kind == "enumerated"}
        want = {(d["speaker"], d["ordinal"], norm(d["headline"])) for d in lab["directives"]}
        tp, fp, fn = tp + len(found & want), fp + len(found - want), fn + len(want - found)
        groups: dict[str, set] = {}
        for f in extract_formulations(doc.body):
            groups.setdefault(norm(f.canonical), set()).update({norm(f.surface), norm(f.canonical)})
        want_f = {norm(x) for x in lab["formulations"]}
        got_f = set().union(*groups.values()) if groups else set()
        ftp, ffn = ftp + len(want_f & got_f), ffn + len(want_f - got_f)
        ffp += sum(1 for v in groups.values() if not v & want_f)
    assert len(gold) >= 40
    for f in fields:
        assert right[f] / counted[f] >= 0.95, (f, right[f], counted[f])
    assert prf(tp, fp, fn)[2] >= 0.95
    assert prf(ftp, ffp, ffn)[2] >= 0.92


def test_formulation_offsets_skip_spaces_inside_quotes():
    body = "坚持“ 外防输入、内防反弹 ”总策略。"
    (f,) = [f for f in extract_formulations(body) if f.kind == "quoted"]
    assert f.surface == "外防输入、内防反弹" and body[f.char_start : f.char_end] == f.surface


def test_short_quoted_questions_are_no_formulations_but_question_slogans_are():
    # xwlb/assets/2021/20210521.json.gz VIDEViohSZmK8UA2XggaHjU7210521 (blind batch c2; its labeller left the
    # four questions out): a State Council meeting on evaluating research
    body = "会议强调，完善科技成果评价机制，关键要解决好“评什么”、“谁来评”、“怎么评”、“怎么用”的问题。"
    assert [f.surface for f in extract_formulations(body)] == []
    # a formula worded as questions stays one (Deng's, quoted in many reports)
    assert [f.surface for f in extract_formulations("搞清楚“什么是社会主义、怎样建设社会主义”这个首要的基本的理论问题。")] \
        == ["什么是社会主义、怎样建设社会主义"]


def test_a_quoted_topic_naming_a_place_does_not_stand_for_the_convener():
    # xwlb/assets/2016/20160720.json.gz VIDEiongXpuVd7tJyrZkB75G160720: 东北三省 inside the topic is no body;
    # the series is the CPPCC's, as for every other topic (a review found it filed as a bare 专题协商会)
    title = "全国政协召开“东北三省工业转型升级问题”专题协商会 俞正声主持并讲话 张高丽到会听取建议并讲话"
    body = "全国政协19日在京召开“东北三省工业转型升级问题”专题协商会。中共中央政治局常委、全国政协主席俞正声主持会议并讲话。"
    assert extract_meeting(title, body, datetime(2016, 7, 20, 19)).series == "全国政协专题协商会"


def test_a_meetings_name_keeps_the_commas_of_its_quoted_topic():
    # xwlb/assets/2017/20170524.json.gz VIDEAEEu3t268ddLYh1EhGal170524 (tests/fixtures/blind): the comma inside
    # the quotes parts no clauses while the name is found, and the name shows it as the report wrote it (a
    # review found it shown as 、)
    title = "[视频]全国政协召开“坚定文化自信，讲好中国故事”专题协商会 俞正声主持并讲话"
    body = "央视网消息(新闻联播)：全国政协23日在京召开“坚定文化自信，讲好中国故事”专题协商会。中共中央政治局常委、全国政协主席俞正声主持会议并讲话。"
    m = extract_meeting(title, body, datetime(2017, 5, 24, 19))
    assert m.name == "全国政协“坚定文化自信，讲好中国故事”专题协商会"
    assert m.series == "全国政协专题协商会" and m.chair == "俞正声"


def test_a_meeting_named_for_what_it_studies_is_a_meeting():
    # 中央宣讲团动员会 is named for the plenum or congress whose spirit it is to spread. Read as a study piece, the
    # report was no meeting when a leader spoke at it (xwlb/assets/2017/20171101.json.gz VIDEiioDstFJHGj52bWuk2SL171101)
    # or when the title also named an instruction (xwlb/assets/2015/20151104.json.gz VIDE1446635347568471)
    title = "王沪宁在学习贯彻党的十九大精神中央宣讲团动员会上要求 全面准确宣讲党的十九大精神 增强宣讲活动针对性和实效性"
    body = ("学习贯彻党的十九大精神中央宣讲团动员会1日在京召开，中共中央政治局常委、中央书记处书记王沪宁出席会议并讲话。\n"
            "中共中央政治局委员、中宣部部长黄坤明主持会议。")
    m = extract_meeting(title, body, datetime(2017, 11, 1, 19, 41))
    assert (m.is_meeting, m.series, m.chair, m.level) == (True, "中央宣讲团动员会", "黄坤明", "central")
    title = "学习贯彻党的十八届五中全会精神 中央宣讲团动员会在京召开 习近平总书记作出重要批示"
    body = ("学习贯彻党的十八届五中全会精神中央宣讲团动员会4号在京召开，习近平总书记对做好宣讲工作作出重要批示。他指出，"
            "组织中央宣讲团集中宣讲，是学习宣传贯彻十八届五中全会精神的重要举措，任务重大、意义重大。")
    m = extract_meeting(title, body, datetime(2015, 11, 4, 19, 9))
    assert (m.is_meeting, m.series, m.meeting_date) == (True, "中央宣讲团动员会", date(2015, 11, 4))
    # a study of a speech given at a meeting is still no meeting report
    title = "深入学习贯彻习近平总书记在文艺工作座谈会上的重要讲话精神"
    body = "连日来，各地干部群众认真学习习近平总书记在文艺工作座谈会上的重要讲话精神。"
    assert not extract_meeting(title, body, datetime(2014, 10, 20, 19)).is_meeting


@pytest.mark.parametrize("title, body, published", [
    # a party-to-party dialogue with a foreign party, a foreign body's and a summit (ANNOTATION.md: Chinese bodies only)
    ("中日执政党交流机制第六次会议举行",  # xwlb/assets/2017/20170810.json.gz VIDEWnDKjGbO8ZAIcAC18qeT170810
     "由中国共产党和日本自民党、公明党共同举办的中日执政党交流机制第六次会议7日至9日在日本举行。会议期间，双方围绕政治和经济等问题进行了坦诚深入交流。",
     datetime(2017, 8, 10, 19, 30)),
    ("伊核问题全面协议联委会会议举行",  # xwlb/assets/2018/20180526.json.gz VIDEHNVtS1j8CVRafxrweKEJ180526
     "25日，中国、俄罗斯、英国、法国、德国与伊朗代表在维也纳举行伊核问题全面协议联合委员会会议，讨论美国退出全面协议的影响，以及协议执行下一步方略。\n"
     "本次会议是美国退出伊核问题全面协议后联委会首次召开会议。", datetime(2018, 5, 26, 19, 30)),
    ("李克强抵达曼谷出席大湄公河次区域经济合作领导人第五次会议",  # xwlb/assets/2014/20141220.json.gz VIDE1419075896941856
     "李克强圆满结束对塞尔维亚的正式访问并出席第三次中国-中东欧国家领导人会晤后离开贝尔格莱德，塞尔维亚总理武契奇率两位副总理及多位部长到机场送行。",
     datetime(2014, 12, 20, 19, 40)),
    # (found by a review of the sixteenth session's rules: its level rule had made them central meetings)
    ("叙宪法委员会第二次会议召开",  # xwlb/assets/2019/20191125.json.gz VIDEUkZLXEAWr9xPTLiU3zvI191125
     "叙利亚宪法委员会第二次会议25日在日内瓦召开。来自叙利亚政府、反对派和民间团体共45人将在未来一周的时间内就叙利亚宪法改革等事宜进行进一步磋商。",
     datetime(2019, 11, 25, 19, 31)),
    ("区域全面经济伙伴关系新一轮会议举行",  # xwlb/assets/2017/20170522.json.gz VIDESSdUoCJUsWS6Sjd7DY2Y170522
     "21日、22日，《区域全面经济伙伴关系协定》——也就是RCEP部长级会议在越南河内举行。包括中国在内的16方经贸部长出席会议。",
     datetime(2017, 5, 22, 19, 29)),
    ("习近平和培尼亚共同出席中墨企业家会议",  # xwlb/assets/2013/20130606.json.gz VIDE1370517362790257
     "国家主席习近平5日在墨西哥城同墨西哥总统培尼亚共同出席中墨企业家会议并致辞。习近平希望两国企业家以战略眼光，携手努力，把中墨经贸合作水平提升到新高度。",
     datetime(2013, 6, 6, 19, 16)),
    # a visit announced: nothing was held yet (xwlb/assets/2013/20130909.json.gz VIDE1378726080712963)
    ("张德江将访问非欧四国并出席中国全国人大与俄罗斯联邦委员会合作委员会第七次会议",
     "应乌干达国民议会议长卡达加、尼日利亚国民议会参议长马克和众议长坦布瓦尔、斯洛伐克国民议会议长帕什卡、俄罗斯联邦会议联邦委员会主席马特维延科和"
     "国家杜马主席纳雷什金的邀请，全国人大常委会委员长张德江将于9月16日至25日对上述四国进行正式友好访问并出席中国全国人大与俄联邦委员会合作委员会第七次会议。",
     datetime(2013, 9, 9, 19, 26)),
    # a feature story and a speech published about a meeting (ANNOTATION.md: feature stories are no meeting reports)
    ("新华社通讯：《永远的生命线——写在古田会议召开85周年之际》",  # xwlb/assets/2014/20141026.json.gz VIDE1414322110848894
     "本台消息：新华社今天发表长篇通讯《永远的生命线--写在古田会议召开85周年之际》。文章回顾了我党探索建设新型人民军队的艰辛历程，阐述了古田会议精神的丰富内涵和历史意义。",
     datetime(2014, 10, 26, 19, 14)),
    ("新华社今天全文播发习近平总书记在民营企业座谈会上的重要讲话",  # xwlb/assets/2018/20181101.json.gz VIDEkLMqkDTBtU4QYlmKa168181101
     "新华社今天全文播发习近平总书记在民营企业座谈会上的重要讲话。", datetime(2018, 11, 1, 19, 37)),
])
def test_foreign_announced_and_feature_items_naming_a_meeting_are_no_meeting_reports(title, body, published):
    # real 新闻联播 items that were meetings until the sixteenth session (a corpus-wide diff of its rules read them all)
    assert not extract_meeting(title, body, published).is_meeting


def test_a_national_conference_named_for_what_it_carries_out_is_chaired_by_no_one_its_report_recalls():
    # cctv_html/VIDEp6z2GVV7VuStlPZARpCT220401.shtml (found by a review of the sixteenth session's rules): the title's
    # 重要指示精神 did not unmake the conference its title names, and 习近平's chairing of the Standing Committee
    # meeting the opening recalls is not this teleconference's chair
    title = "贯彻落实习近平重要指示精神 全国安全生产电视电话会议在京召开 李克强作出批示"
    body = ("“3·21”东航MU5735航空器飞行事故发生后，党中央高度重视，中共中央总书记、国家主席、中央军委主席习近平立即作出重要指示，"
            "要求全力组织搜救，妥善处置善后，并委派国务院领导同志赴广西梧州指导工作，3月24日又专门对安全生产作出重要指示，"
            "31日主持召开中央政治局常委会会议听取应急处置情况汇报，专题研究部署下一步工作，并发表重要讲话。\n"
            "习近平在24日重要指示中指出，最近一段时间，交通、建筑、煤矿等方面安全事故多发。")
    m = extract_meeting(title, body, datetime(2022, 4, 1, 19, 13))
    assert (m.is_meeting, m.series, m.chair, m.level) == (True, "全国安全生产电视电话会议", None, "central")


def test_a_peoples_organisations_members_congress_is_a_meeting_of_its_body():
    # xwlb/assets/2019/20190319.json.gz VIDEuQCydg9syWAfdP0i5Lmq190319 (found by a review of the sixteenth session's
    # rules): 全国会员 held 国会 (a foreign parliament), so the congress was no meeting
    title = "中国法学会第八次全国会员代表大会在京开幕"
    body = ("中国法学会第八次全国会员代表大会19日上午在人民大会堂开幕。习近平、李克强、栗战书、王沪宁等党和国家领导人到会祝贺。\n"
            "全体起立，奏唱国歌。")
    m = extract_meeting(title, body, datetime(2019, 3, 19, 19, 16))
    assert (m.is_meeting, m.organ, m.series, m.session_no, m.level) == (True, "中国法学会", "中国法学会全国会员代表大会", 8, "central")


def test_the_central_committees_and_the_discipline_commissions_plenums_are_series_of_their_own():
    # xwlb/assets/2019/20191031.json.gz VIDEEuJu7OImDSCKIUhtmBRg191031: the communiqué of the 19th Central
    # Committee's fourth plenum, which had no name a verb gives and so no series (no meeting row)
    body = ("中国共产党第十九届中央委员会第四次全体会议公报\n（2019年10月31日中国共产党第十九届中央委员会第四次全体会议通过）\n"
            "中国共产党第十九届中央委员会第四次全体会议，于2019年10月28日至31日在北京举行。\n"
            "出席这次全会的有，中央委员202人，候补中央委员169人。\n全会由中央政治局主持。中央委员会总书记习近平作了重要讲话。")
    m = extract_meeting("中国共产党第十九届中央委员会第四次全体会议公报", body, datetime(2019, 10, 31, 19, 36))
    assert (m.is_meeting, m.organ, m.series, m.session_no, m.meeting_date, m.chair) == (
        True, "中共中央", "中共中央委员会全体会议", 4, date(2019, 10, 28), None)
    # xwlb/assets/2022/20221023.json.gz VIDEMb33DhPsEZpe2EwAUW8Z221023: 纪律检查 is no inspection (检查), and
    # the plenum is the commission's first, not the congress that elected it
    body = ("中国共产党第二十届中央纪律检查委员会第一次全体会议公报\n（2022年10月23日中国共产党第二十届中央纪律检查委员会第一次全体会议通过）\n"
            "中国共产党第二十次全国代表大会选举产生的中央纪律检查委员会，于2022年10月23日在北京举行第一次全体会议。李希同志主持会议。")
    m = extract_meeting("中国共产党第二十届中央纪律检查委员会第一次全体会议公报", body, datetime(2022, 10, 23, 19, 51))
    assert (m.is_meeting, m.organ, m.series, m.session_no, m.chair) == (
        True, "中共中央纪律检查委员会", "中共中央纪律检查委员会全体会议", 1, "李希")


def test_a_communiques_book_and_a_journals_article_are_no_meetings():
    # xwlb/assets/2016/20161028.json.gz VIDEm265cmFuH896lGeauJmv161028 and 2022/20221130.json.gz
    # VIDEeHLNVJYOY7zirudbGqEV221130: a book published, an article in 《求是》
    assert not extract_meeting(
        "《中国共产党第十八届中央委员会第六次全体会议公报》单行本出版",
        "2016年10月27日中国共产党第十八届中央委员会第六次全体会议通过的《中国共产党第十八届中央委员会第六次全体会议公报》单行本，"
        "已由人民出版社出版，即日起在全国新华书店发行。", datetime(2016, 10, 28, 19, 31)).is_meeting
    assert not extract_meeting(
        "《求是》杂志发表习近平总书记重要文章《在党的十九届七中全会第二次全体会议上的讲话》",
        "12月1日出版的第23期《求是》杂志将发表中共中央总书记、国家主席、中央军委主席习近平的重要文章《在党的十九届七中全会第二次全体会议上的讲话》。",
        datetime(2022, 11, 30, 19, 58)).is_meeting
    # …but a symposium on a book's publication is a meeting (xwlb 2019-06-03: 《习近平新时代中国特色社会主义思想学习纲要》出版座谈会)
    assert extract_meeting("《习近平新时代中国特色社会主义思想学习纲要》出版座谈会召开",
                           "《习近平新时代中国特色社会主义思想学习纲要》出版座谈会3日在京召开。", datetime(2019, 6, 3, 19)).is_meeting


def test_national_conferences_and_named_symposiums_keep_their_names():
    # xwlb/assets/2024/20240910.json.gz VIDEs72m5icq3vT58miBVzOd240910: 在全国教育大会上强调 names the meeting
    # (a 大会 the leader spoke at), which had no series and so no meeting row
    m = extract_meeting(
        "习近平在全国教育大会上强调 紧紧围绕立德树人根本任务 朝着建成教育强国战略目标扎实迈进",
        "全国教育大会9日至10日在北京召开。中共中央总书记、国家主席、中央军委主席习近平出席大会并发表重要讲话。",
        datetime(2024, 9, 10, 19, 14))
    assert (m.is_meeting, m.series, m.meeting_date) == (True, "全国教育大会", date(2024, 9, 9))
    # xwlb/assets/2024/20240123.json.gz VIDEAObVBfFYaO0bJmO8FpVo240123: a name holds 、 (the Premier's yearly
    # symposium on the government work report), and 政治局常委 before it is a title, not a convening body
    m = extract_meeting(
        "李强主持召开专家、企业家和教科文卫体等领域代表座谈会",
        "中共中央政治局常委、国务院总理李强1月23日下午主持召开专家、企业家和教科文卫体等领域代表座谈会，"
        "听取对《政府工作报告（征求意见稿）》的意见建议。\n中共中央政治局常委、国务院副总理丁薛祥出席。",
        datetime(2024, 1, 23, 19, 8))
    assert (m.series, m.chair) == ("专家、企业家和教科文卫体等领域代表座谈会", "李强")
    # xwlb/assets/2021/20211121.json.gz VIDEjyrOEF3cjLW8ay42mikI211121: how others rate a speech is no meeting
    assert not extract_meeting(
        "多国人士积极评价习近平主席在第三次“一带一路”建设座谈会上的重要讲话",
        "多国人士表示，习近平主席在第三次“一带一路”建设座谈会上的重要讲话，对推动共建“一带一路”高质量发展意义重大。",
        datetime(2021, 11, 21, 19, 32)).is_meeting


def test_question_formulas_longer_than_three_characters_stay():
    # xwlb 2014-10-16 VIDE1413458456406266 and 2026-06-02 VIDEH6rEEfLVAuCbXuib240x260602: “谁来种地” and the
    # numbered “三个如何” are formulations, as 三个字 questions (“评什么”) are not
    assert [f.surface for f in extract_formulations("为破解将来“谁来种地”这一难题进行有益探索。")] == ["谁来种地"]
    assert [f.surface for f in extract_formulations("就曾提出“三个如何”的治理之问：如何让群众生活和办事更方便一些？")] == ["三个如何"]


def test_a_count_before_a_quote_is_one_numbered_formula():
    # xwlb/assets/2019/20190909.json.gz VIDE29CNQaSiFinhggApqXH7190909 and 2018/20180601.json.gz
    # VIDEslkE7e5MlSqhWYpXgBZ2180601 (blind batches y2, z2, whose labellers wrote 两个毫不动摇 and 五个新突破):
    # the whole formula, traced to its passage as written; a single “…” after 一个 or 第二个 is not counted
    body = "要坚持和完善中国特色社会主义基本经济制度，坚持两个“毫不动摇”，营造市场化、法治化、制度化的长期稳定发展环境。"
    (f,) = extract_formulations(body)
    assert (f.canonical, f.kind, body[f.char_start:f.char_end]) == ("两个毫不动摇", "numbered", "两个“毫不动摇”")
    assert [f.canonical for f in extract_formulations("必须紧紧抓住有序疏解北京非首都功能这个“牛鼻子”，实现五个“新突破”。")] == ["五个新突破"]
    assert [f.canonical for f in extract_formulations("开启中国—东盟关系第二个“金色十年”。")] == ["金色十年"]
    # xwlb 2015/20151008 VIDE1444303308952669 (a review found the count of countries made a formula of it): a count of
    # things the quote only qualifies is no numbered formula
    body = "而在过去的八个月，他连续出访了泰国、哈萨克斯坦等六个“一带一路”沿线国家。"
    assert [f.canonical for f in extract_formulations(body)] == ["一带一路"]


def test_a_party_congress_numeral_is_no_count_of_strategies():
    # xwlb 2020/20201030 VIDEcGn3ERZeCvEdGIIZxSrM201030, 2024/20240104 VIDE7SRa5QEmBqxgtROZtatQ240104 and
    # 2019/20190626 VIDEtnn2b5fKC2XzN5OM4c1N190626 (blind batches b3, z2): 十九大战略安排 held 九大战略, 二十大战略部署
    # 十大战略, and 十大战略性新兴产业 十大战略; no labeller counted them
    for body in ("这是贯彻落实中共十九大战略安排的重大任务，是统筹中华民族伟大复兴战略全局和世界百年未有之大变局的战略之举。",
                 "紧扣一个“实”字抓好党的二十大战略部署的贯彻落实，为推进强国建设、民族复兴伟业作出新的更大贡献。",
                 "今年1至5月，江苏以先进制造业为主的十大战略性新兴产业实际使用外资同比增长。"):
        assert not [f for f in extract_formulations(body) if "战略" in f.surface], body
    assert [f.surface for f in extract_formulations("深入实施区域协调发展战略等三大战略。")] == ["三大战略"]


def test_a_quoted_question_asked_is_no_formulation():
    # xwlb 2019/20190305 VIDElXW6LYPgROFczBGwMH3T190305 (blind batch y2): a deputy answers a question
    body = "针对“基层扶贫资金如何安全高效使用”的问题，秦博勇表示：扶贫资金是群众的“救命钱”。"
    assert [f.surface for f in extract_formulations(body)] == []  # (“救命钱” is a figure of speech, not_formulations.txt)


def test_words_held_at_a_distance_with_suo_wei_are_no_formulations():
    # xwlb/assets/2023/20230922.json.gz VIDEAPAn27JwElc8bzbNLlM4230922 (blind batch s5; its labeller left “立法院” out, as
    # 7 of the 8 earlier blind labels of a quote after 所谓 do): 赵乐际 on the Central American Parliament's votes
    body = "赵乐际说，上个月，中美洲议会以绝对优势一次性通过两项决议，取消台湾地区所谓“立法院”“常驻观察员”地位，接纳中国全国人大成为常驻观察员。"
    assert "立法院" not in {f.surface for f in extract_formulations(body)}
    # a slogan of the report's own is kept
    assert [f.surface for f in extract_formulations("坚持“一国两制”方针。")] == ["一国两制"]
    # every quote of the run 所谓 opens is held off: cctv_html/VIDE7FcHNE2F397yI1CcrJg1220403.shtml (a review found the second kept)
    body = "反观以美国为首的部分西方国家，长期打着所谓“普世人权”“人权高于主权”等旗号，在世界上强行推广西方民主人权观念"
    assert [f.surface for f in extract_formulations(body)] == []


def test_what_the_bills_are_about_is_no_list_of_directives_but_an_order_to_focus_them_is():
    # xwlb/assets/2018/20180316.json.gz VIDEDJMCrmt6qPDVVoOaFd1y180316 (its opening, and the two paragraphs with lists):
    # what the deputies' bills are about (as the blind label of the next year's report has it) against the secretariat's
    # suggestions, which stay
    title = "十三届全国人大一次会议主席团举行第六次会议"
    body = ("十三届全国人大一次会议主席团16日下午在人民大会堂举行第六次会议。\n"
            "信春鹰说，今年代表提出的议案，绝大多数为法律案。内容主要集中在以下几方面：一是完善国家机构组织法，为深化国家机构改革提供法律支持。"
            "二是适应建设现代化经济体系需要，完善市场经济法律制度。三是切实保障和改善民生，加强和创新社会治理。四是发展文化事业和文化产业，"
            "培育和践行社会主义核心价值观。五是加强生态文明建设，推动解决突出环境问题。\n"
            "大会秘书处向各专门委员会提出如下建议：一是深入研究代表议案提出的意见建议；二是更好发挥代表在立法、监督等工作中的作用；"
            "三是及时通报相关立法、监督工作进展。")
    m = extract_meeting(title, body, datetime(2018, 3, 16))
    assert [(d.ordinal, d.headline) for d in extract_directives(body, m, title) if d.kind == "enumerated"] == [
        (1, "深入研究代表议案提出的意见建议"), (2, "更好发挥代表在立法、监督等工作中的作用"), (3, "及时通报相关立法、监督工作进展")]
    # the same lead-in worded as an order (a review's probe) keeps its list
    ordered = body.replace("内容主要集中在以下几方面", "内容要集中在以下几方面")
    assert len([d for d in extract_directives(ordered, m, title) if d.kind == "enumerated"]) == 8


def test_the_points_of_a_report_the_meeting_heard_are_the_reporters():
    # xwlb/assets/2021/20211021.json.gz VIDE9OXGQMoAQt58Pjr7XFEY211021 (a review of the fifteenth session's rules
    # found these given to 会议, the turn of the paragraph before running on; before that, to the chair 张春贤)
    body = ("会议审议了国务院关于2020年度国有资产管理情况的综合报告。\n"
            "会议听取了全国人大财经委副主任委员、常委会预算工委主任史耀斌作的关于2020年度国有自然资源资产管理情况的调研报告。"
            "报告建议，要进一步强化生态文明建设理念落实机制，健全国家自然资源资产管理体制，加快推进各项改革，不断夯实基础管理工作，加快补齐法治和治理短板。\n"
            "会议听取了教育部部长怀进鹏受国务院委托作的关于教师队伍建设和教师法实施情况的报告。报告提出，要全力打造高水平专业化教师队伍，持续推进教师队伍建设综合改革。")
    m = extract_meeting("十三届全国人大常委会第三十一次会议举行第二次全体会议", body, datetime(2021, 10, 21, 19, 22))
    assert [d.speaker for d in extract_directives(body, m)] == ["史耀斌", "怀进鹏"]
    # xwlb/assets/2014/20140430.json.gz VIDE1398857487800520: a 汇报 on 保障工作 names no reporter (工作的 is no 作的),
    # so the list after it is the meeting's
    body = ("国务院总理李克强4月30日主持召开国务院常务会议，部署支持外贸稳定增长和优化结构有关工作。\n"
            "会议听取了关于劳动者基本权益保障工作的汇报。强调，进一步依法保障劳动者基本权益，维护他们的根本利益，事关经济发展和社会和谐进步。"
            "一要加强就业服务，建立终身职业培训体系。二要强化安全生产监督执法，加强安全防护和职业病防治，保障劳动者生命安全和健康。")
    m = extract_meeting("李克强主持召开国务院常务会议", body, datetime(2014, 4, 30, 19, 31))
    assert {d.speaker for d in extract_directives(body, m) if d.kind == "enumerated"} == {"会议"}


def test_a_bills_lists_name_no_attendees():
    # xwlb/assets/2021/20210227.json.gz VIDETJK3Zi8m0Tc3UQgkMcG9210227: 列席 inside a bill's name made its drafts
    # attendees (议程草案 since before; 主席团 too, once 主席团 stopped being read as a title, as a review found)
    body = ("这次常委会会议的一项重要任务是为召开十三届全国人大四次会议作准备。会议议程包括审议全国人大常委会工作报告稿，"
            "审议委员长会议关于提请审议十三届全国人大四次会议议程草案、主席团和秘书长名单草案、列席人员名单草案的议案等。")
    assert attendees_of(body) == []


def test_politburo_standing_committee_is_its_own_series():
    # xwlb 2024-07-25: the Standing Committee's flood meeting, not a meeting of the whole Politburo
    title = "中共中央政治局常务委员会召开会议研究部署防汛抗洪救灾工作中共中央总书记习近平主持会议"
    body = "中共中央政治局常务委员会7月25日召开会议，研究部署防汛抗洪救灾工作。中共中央总书记习近平主持会议并发表重要讲话。"
    m = extract_meeting(title, body, datetime(2024, 7, 25, 19))
    assert (m.series, m.organ) == ("中共中央政治局常务委员会会议", "中共中央政治局常务委员会")
    assert m.meeting_date == date(2024, 7, 25)


def test_a_speech_verb_after_de_is_a_noun_and_gives_no_speaker():
    # the Politburo's meeting of 2022-12-06 (data/raw/gov_csv/politburo_meetings.csv): 要求 in 严的要求
    # is a noun; the directives after it are still the meeting's, not a person called 把严的
    body = ("会议指出，全面从严治党十年磨一剑，反腐败斗争取得压倒性胜利并全面巩固，但还远未到大功告成的时候。"
            "要把党的政治建设摆在首位，把严的要求贯彻到党规制定、党纪教育、执纪监督全过程。"
            "要以彻底自我革命精神打好反腐败斗争攻坚战持久战。")
    speakers = {x.speaker for x in extract_directives(body, None, "中共中央政治局召开会议")}
    assert speakers == {"会议"}, speakers


# Real passages from ../shared/corpus, each named by its file and id.
# xwlb/assets/2018/20180111.json.gz VIDECuKQizC8z420Re4cXXBX180111: 迫切要求 is an adverb and a verb
XI_2018 = ("习近平强调，全面从严治党必须持之以恒、毫不动摇。受国际国内环境各种因素的影响，我们党面临的执政环境仍然是复杂的，"
           "影响党的先进性、弱化党的纯洁性的因素也是复杂的。党的队伍和自身状况发生重大而深刻的变化，迫切要求提高党的建设质量、"
           "增强党组织的政治功能和组织功能。我们要坚持问题导向，保持战略定力，以“越是艰险越向前”的英雄气概和“狭路相逢勇者胜”的斗争精神，坚定不移抓下去。")
# gov_reports/government_work_reports.jsonl, 2009年中华人民共和国国务院政府工作报告: 努力增强调控 holds 强调
REPORT_2009 = ("在复杂多变的形势下，积极应对国际金融危机的严重冲击，努力增强调控的预见性、针对性和有效性。年中，在国际能源和粮食价格处于高位、"
               "世界经济增长放缓的情况下，针对沿海地区出现出口和经济增速下滑苗头，及时把宏观调控的首要任务调整为“保持经济平稳较快发展，"
               "控制物价过快上涨”，并采取了一些有针对性的财税金融措施。按照出手要快、出拳要重、措施要准、工作要实的要求，"
               "迅速推出进一步扩大内需、促进经济增长的十项措施，争分夺秒地加以落实。")
# gov_reports/cpc_congress_reports.jsonl, 全面开创社会主义现代化建设的新局面 （十二大）: 这就要求
CONGRESS_12 = ("而这种地位又很容易使党员特别是党的干部产生脱离群众的危险。这就要求我们更加自觉地去保持和发扬党的群众路线的优良传统，"
               "切实加强党同各阶层人民的密切联系。\n我们党是工人阶级的政党，必须注意依靠本阶级的群众。")


@pytest.mark.parametrize("body, not_people", [
    (XI_2018, {"迫切"}),
    (REPORT_2009, {"努力增"}),
    (CONGRESS_12, {"这就"}),
])
def test_words_before_a_speech_verb_are_no_person(body, not_people):
    from dagster_project.core.directives import speaker_turns
    from dagster_project.core.meetings import extract_meeting

    meeting = extract_meeting(None, body, None)
    assert not {p.name for p in meeting.people} & not_people
    turns = {t.speaker for t in speaker_turns(body, meeting)}
    assert not turns & not_people, turns


def test_a_leaders_own_words_keep_his_name_after_an_adverb():
    speakers = [d.speaker for d in extract_directives(XI_2018, None, None)]
    assert speakers and set(speakers) == {"习近平"}, speakers


def test_an_instruction_speaks_for_its_author():
    # cctv_html/VIDE5yaDf8mDuM4WnwAqCOZN220213.shtml: 李克强作出重要批示。批示指出：…
    body = ("全国春季农业生产暨加强冬小麦田间管理工作会议2月13日在山东省德州市召开。中共中央政治局常委、国务院总理李克强作出重要批示。"
            "批示指出：做好春耕备耕工作，对于确保全年粮食丰收至关重要。各地区各部门要坚持以习近平新时代中国特色社会主义思想为指导，"
            "认真贯彻党中央、国务院决策部署，落实粮食安全党政同责，扎实抓好春季农业生产，为经济社会平稳健康发展提供有力支撑。"
            "当前冬小麦苗情偏弱，促弱转壮任务繁重，要因地因苗抓好春季田管，做好病虫害防控和极端天气应对防范，力争夏粮再获丰收。")
    speakers = {d.speaker for d in extract_directives(body, None, "李克强对全国春季农业生产暨加强冬小麦田间管理工作会议作出重要批示")}
    assert speakers == {"李克强"}, speakers


@pytest.mark.parametrize("body", [
    # xwlb/assets/2013/20131119.json.gz VIDE1384859644633510: 全会提出的新思想 is the plenum's, described
    "学习贯彻党的十八届三中全会精神中央宣讲团动员会19日在京召开，中共中央总书记习近平作出重要批示。他指出，组织中央宣讲团，"
    "是学习宣传贯彻党的十八届三中全会精神的重要举措。宣讲的关键是要联系实际、研机析理、解疑释惑，努力讲全、讲透、讲实，"
    "帮助广大党员、干部、群众全面准确领会全会精神，全面准确领会全会提出的新思想、新论断、新举措。各地要组织形式多样的宣讲活动，"
    "各级领导干部要带头深入基层宣讲。要增强宣讲的针对性和实效性，因人施教，因材施教，因事施教，做到多层次、广覆盖。",
    # xwlb/assets/2014/20140818.json.gz VIDE1408360620038643: 三中全会提出 names an earlier plenum
    "中共中央总书记、国家主席、中央军委主席、中央全面深化改革领导小组组长习近平8月18日上午主持召开中央全面深化改革领导小组第四次会议"
    "并发表重要讲话。他强调，今年是党的十八届三中全会提出全面深化改革的元年，要真枪真刀推进改革，为今后几年改革开好头。"
    "各地区各部门要狠抓工作落实，实施方案要抓到位，实施行动要抓到位，督促检查要抓到位，改革成果要抓到位，宣传引导要抓到位。",
])
def test_a_plenum_mentioned_is_not_the_speaker(body):
    speakers = {d.speaker for d in extract_directives(body, None, None)}
    assert speakers == {"习近平"}, speakers


def test_chair_named_before_a_vice_title():
    from dagster_project.core.meetings import chair_of

    # cctv_html/VIDEIuFlmZY0bMW85cqMWIyp221028.shtml, the NPC Standing Committee's plenary of 2022-10-28
    text = ("十三届全国人大常委会第三十七次会议28日上午在京举行第三次全体会议。栗战书委员长出席。\n会议听取了全国人大常委会副委员长陈竺作的"
            "常委会执法检查组关于检查外商投资法实施情况的报告。\n吉炳轩副委员长主持会议。")
    assert chair_of(text) == ("吉炳轩", "副委员长")


def test_a_meetings_tasks_named_in_a_speech_stay_the_speakers():
    # xwlb/assets/2026/20260206.json.gz VIDE0mO9IpdIftviNJg65zXU260206: 会议部署的 describes the Economic
    # Work Conference's tasks; the State Council's meeting is not speaking there, 李强 is
    body = ("李强指出，要落实好中央经济工作会议部署的各项工作，勇于攻坚克难，确保“十五五”开好局、起好步。"
            "宏观政策要靠前发力，财政资金尽可能提前安排，加强资金下达和项目建设的协同配合，使政策尽快落地见效。各项重点工作要抓紧推进，"
            "条件成熟的及早组织实施。坚持政策支持和改革创新并举，更好激发市场活力，挖掘内需新增长点。要密切跟踪形势变化，"
            "突出稳就业、稳企业、稳市场、稳预期，做好政策预研储备，根据需要及时推出，确保全年目标任务顺利完成。")
    speakers = [d.speaker for d in extract_directives(body, None, None)]
    assert len(speakers) >= 2 and set(speakers) == {"李强"}, speakers


def test_meetings_of_one_body_that_are_not_one_series():
    """tests/fixtures/series: the NPC session's presidium, its executive chairpersons, a special committee,
    an NPCSC session's plenary and a CPPCC standing committee session each have a series of their own
    (ANNOTATION.md: different kinds of gathering of one body are different series); provinces named
    together (山东等省市政府, 部分省区市政协) are no city; a series never keeps the 第 of an ordinal."""
    from pathlib import Path

    gold = load_gold(Path(__file__).parent / "fixtures" / "series")
    assert len(gold) == 14
    for g in gold:
        m = extract_meeting(g.doc.title, g.doc.body, g.doc.published_at, g.doc.page_chrome)
        assert m.is_meeting, g.name
        for field, want in g.labels.items():
            if field != "notes":
                assert getattr(m, field) == want, (g.name, field, getattr(m, field), want)


@pytest.mark.parametrize("text, city", [
    ("3月5日，市委书记葛巧红主持召开市委常委会会议，传达学习全国两会精神。", None),  # 主持召开 is no city
    # 义乌 is a county-level city: its city is the prefecture it belongs to (round 86)
    ("浙江省义乌市委召开常委会会议。", "金华"),
    ("中共义乌市委召开常委会会议。", "金华"),
    ("近日义乌市委召开常委会会议。", "金华"),  # found by a review: the city was 近日义乌
    ("河南省长垣市委召开常委会会议。", "长垣"),  # a city neither places.txt nor the divisions' table (2020) lists
    ("近日长垣市委召开常委会会议。", "长垣"),
])
def test_a_city_is_a_name_not_the_words_before_shi_wei(text, city):
    from dagster_project.core.meetings import place_of

    assert place_of(None, text, None, None)[1] == city


# The forms local reports open with (measured on 44 local reports scraped from city and county sites, labelled blind;
# not shipped: see bench/labelled_blind/README.md), names and dates changed: before, every one of these but the
# standing committee's was rated central (a gathering no body is named for), and the district congress's sitting
# was the national legislature's. A committee whose place nothing names has no full name: its organ is unknown.
@pytest.mark.parametrize("text, level, organ, series, session", [
    ("4月8日，全市经济运行分析会暨重点项目调度会召开。市委副书记、市长李明主持会议。", "municipal", None, "全市经济运行分析会暨重点项目调度会", None),
    ("6月27日，全县防汛工作会议召开，副县长王军主持会议。", "county", None, "全县防汛工作会议", None),
    ("2月7日上午，市长赵平主持召开市新型冠状病毒感染肺炎疫情防控指挥部工作会议。", "municipal", None, "市新型冠状病毒感染肺炎疫情防控指挥部工作会议", None),
    ("1月19日上午，区十六届人大常委会第44次会议召开。区人大常委会主任张华主持会议。", "county", None, "区人大常委会会议", 44),
    ("3月20日，二届市委召开108次常委会会议。州委副书记、市委书记李刚主持会议并讲话。", "municipal", None, "市委常委会会议", 108),
    ("3月17日，县委书记张成主持召开七届常委会第67次会议。", "county", None, "县委常委会会议", 67),
    ("1月4日，市政协召开四届四十二次主席会议。", "municipal", None, "市政协主席会议", 42),
    ("11月27日上午，市人大常委会党组中心组集中学习会召开。", "municipal", None, "市人大常委会党组中心组集中学习会", None),
    ("12月10日，市县政协主席座谈会召开。", "municipal", None, "市县政协主席座谈会", None),
])
def test_a_local_gathering_is_placed_by_its_name_or_its_chair(text, level, organ, series, session):
    from datetime import datetime

    m = extract_meeting(None, text, datetime(2022, 12, 20))
    assert m.is_meeting
    assert (m.level, m.organ, m.series, m.session_no, m.city) == (level, organ, series, session, None)


# Round 86, from 40 more real local pages (labelled blind, not shipped; the forms here with names and dates changed):
# the place a report names or its site's publisher gives, through the statistics bureau's table of divisions (cpca's):
# a county-level city's committee is a county's, and its city the prefecture it belongs to; a county's, district's or
# banner's meeting gets its province and city; a gathering named without its place takes it.
@pytest.mark.parametrize("title, text, publisher, want", [
    (None, "3月20日，舞钢市委召开常委会会议，研究工作。市委书记王伟主持会议。", None,
     ("中共舞钢市委", "舞钢市委常委会会议", "county", "河南", "平顶山")),
    ("市委常委会会议召开", "7月18日上午，市委常委会会议召开。市委书记陈某主持会议。", "舞钢市人民政府",
     ("中共舞钢市委", "舞钢市委常委会会议", "county", "河南", "平顶山")),
    (None, "2月28日，户县县委书记陆某主持召开县委十六届第43次常委会议。", None,
     ("中共户县县委", "户县县委常委会议", "county", "陕西", "西安")),
    (None, "11月28日上午，湛江市委副书记、市长姜某主持召开市政府第十四届62次常务会议。", None,
     ("湛江市人民政府", "湛江市政府常务会议", "municipal", "广东", "湛江")),
    (None, "8月13日，全市安全生产工作会议召开，研究分析当前安全生产工作形势。副市长黄某出席会议。", "濮阳市人民政府",
     (None, "濮阳市安全生产工作会议", "municipal", "河南", "濮阳")),
    (None, "1月6日上午，县政协主席戴某主持召开县政协十一届十八次常委会会议。", "肥西县人民政府",
     ("政协肥西县委员会", "肥西县政协常委会会议", "county", "安徽", "合肥")),
    (None, "8月14日上午，中国共产党乌审旗第十六届委员会第十一次全体会议在嘎鲁图召开。旗委书记王某主持会议。", None,
     ("中共乌审旗委", "乌审旗委全体会议", "county", "内蒙古", "鄂尔多斯")),
    (None, "3月2日上午，旗委书记王某主持召开敖汉旗第十六届党委常委会第38次会议。", None,
     ("中共敖汉旗委", "敖汉旗委常委会会议", "county", "内蒙古", "赤峰")),
    ("中共南江县委十四届第91次常委会会议召开", "11月10日，县委十四届第91次常委会会议召开。县委书记程某主持并讲话。", None,
     ("中共南江县委", "南江县委常委会会议", "county", "四川", "巴中")),
    # the body or place the opening says holds a sitting named by its kind alone, or a gathering named as a nation's
    (None, "本报讯 2月28日，县安委会召开第一次全体（扩大）会议，系统梳理盘点各项工作推进落实情况。", None,
     (None, "县安委会全体会议", "county", None, None)),
    (None, "本网讯（通讯员刘某）11月21日上午，区人大常委会召开党组（扩大）会议，区人大常委会党组书记、副主任李某主持会议。", None,
     (None, "区人大常委会党组会议", "county", None, None)),
    (None, "本网讯（记者熊某）9月18日，我市召开全国文明城市创建常态长效工作推进会。", None,
     (None, "全国文明城市创建常态长效工作推进会", "municipal", None, None)),
    (None, "8月30日，市疫情防控指挥部召开工作调度会议。市委副书记、市长、市疫情防控指挥部总指挥王建民主持会议。", None,
     (None, "市疫情防控指挥部工作调度会议", "municipal", None, None)),
])
def test_a_local_meeting_is_placed_by_the_divisions_it_names(title, text, publisher, want):
    from datetime import datetime

    m = extract_meeting(title, text, datetime(2023, 3, 30), None, publisher)
    assert m.is_meeting
    assert (m.organ, m.series, m.level, m.province, m.city) == want


# Round 87, from 40 more real local pages (labelled blind after round 86, not shipped; forms with names and dates changed):
# an autonomous region is no district; a committee's commission or a government's Party group holds its own meeting; a
# local paper or media centre named after its place gives it; a committee's plenum by its ordinal is its 全体会议.
@pytest.mark.parametrize("title, text, publisher, want", [
    (None, "4月25日，自治区党委常委会召开会议，传达学习有关精神。自治区党委书记马某主持会议。", None,
     (None, "自治区党委常委会会议", "provincial", None, None)),
    (None, "3月17日，自治区主席张某主持召开自治区政府常务会议。", None, (None, "自治区政府常务会议", "provincial", None, None)),
    (None, "12月25日上午，市委书记张某主持召开市委财经委员会第三次会议。", "嘉兴日报",
     ("中共嘉兴市委财经委员会", "嘉兴市委财经委员会会议", "municipal", "浙江", "嘉兴")),
    (None, "8月20日，市委副书记、市长吕某主持召开市政府党组（扩大）会议，按照市委常委会（扩大）会议的要求，研究贯彻落实工作。",
     "沈阳日报", ("中共沈阳市人民政府党组", "沈阳市政府党组会议", "municipal", "辽宁", "沈阳")),  # 按照 is no city
    ("区委常委会听取有关工作汇报部署重点任务", "日前，区委常委会召开会议，听取区政府工作汇报。区委书记毛某主持会议并讲话。", "宝坻区融媒体中心",
     ("中共宝坻区委", "宝坻区委常委会会议", "county", "天津", "天津")),
    ("中共吉安市委三届十三次全会召开", "8月12日，中共吉安市委三届十三次全会召开。全会由市委常委会主持。市委书记王某出席并讲话。", None,
     ("中共吉安市委", "吉安市委全体会议", "municipal", "江西", "吉安")),
    (None, "3月5日，中共焦作市委召开常委会会议。", None, ("中共焦作市委", "焦作市委常委会会议", "municipal", "河南", "焦作")),
    (None, "6月16日，2023年怀集县全面推行河湖长制暨重点水利工作会议召开。县委副书记、县长、县总河长陈某主持会议。", None,
     (None, "怀集县全面推行河湖长制暨重点水利工作会议", "county", "广东", "肇庆")),
    (None, "9月7日下午，庆城县委常委、政府常务副县长姚某主持召开马莲河、柔远河河长联席会议。", None,
     (None, "马莲河、柔远河河长联席会议", "county", "甘肃", "庆阳")),
])
def test_a_local_meeting_of_a_region_commission_or_paper_is_placed(title, text, publisher, want):
    from datetime import datetime

    m = extract_meeting(title, text, datetime(2024, 3, 30), None, publisher)
    assert m.is_meeting
    assert (m.organ, m.series, m.level, m.province, m.city) == want


# …and what local pages report as a meeting: a plenum by its ordinal, a command centre's 会商会, a sitting a group's head
# chairs under a headline of its business, a standing committee's sitting under a headline of its business, a 座谈会
# held as a festival is coming (即将来临 is no announcement)
@pytest.mark.parametrize("title, text, session", [
    ("中共吉安市委三届十三次全会召开", "8月12日，中共吉安市委三届十三次全会召开。全会由市委常委会主持。", 13),
    (None, "本报讯 （记者刘某）7月4日上午，副市长、市防汛抗旱指挥部副指挥长冯某主持召开市防汛抗旱指挥部汛情会商会。", None),
    ("市委巡察工作领导小组听取巡察工作情况汇报", "11月10日下午，市委常委、市纪委书记、市委巡察工作领导小组组长李某主持召开市委巡察"
     "工作领导小组会议，听取巡察情况汇报。", None),
    ("区委常委会听取有关工作汇报部署重点任务", "日前，区委常委会召开会议，听取区政府工作汇报。区委书记毛某主持会议并讲话。", None),
    (None, "2月5日，在新春佳节即将来临之际，我县召开返乡人士座谈会。县委副书记、县长董某主持会议。", None),
])
def test_what_local_pages_report_is_a_meeting(title, text, session):
    m = extract_meeting(title, text, None)
    assert m.is_meeting and m.session_no == session


# Found by a review of rounds 86 and 87 (made-up forms of what local sites print; the old code was right on each):
# a post the chair also holds is no body that met; a province-level city's own bodies are provincial; a national or
# metropolitan paper names no county (解放日报, 新民晚报); a one-character county is no piece of another word (新任县委,
# 据报道县委); a ministry's meeting stays national whatever its opening names; 临洮县县委 is 临洮县委; a community's 党委
# is no committee of a place.
@pytest.mark.parametrize("text, publisher, want", [
    ("6月1日，省委常委、市委书记韩某主持召开市委常委会会议，研究工作。", "南京市人民政府", ("中共南京市委", "municipal", "江苏", "南京")),
    ("6月1日，北京市委书记尹某主持召开市委常委会会议。", None, (None, "provincial", "北京", None)),
    ("6月1日，天津市政府召开常务会议。", None, ("天津市人民政府", "provincial", "天津", None)),
    ("6月1日，市委书记陈某主持召开市委常委会会议。", "解放日报", (None, "municipal", None, None)),
    ("6月1日，商务部召开外贸企业座谈会，商务部部长王某主持会议。", "新民晚报", (None, "central", None, None)),
    ("6月1日，新任县委书记张三主持召开县委常委会会议。", None, (None, "county", None, None)),
    ("6月1日，国家发展改革委在江苏省苏州市召开座谈会，昆山市政府、张家港市委有关负责同志参加。", None, (None, "central", None, None)),
    ("6月1日，临洮县县委书记张某主持召开县委常委会会议。", None, ("中共临洮县委", "county", "甘肃", "定西")),
])
def test_a_local_rule_keeps_to_its_place(text, publisher, want):
    m = extract_meeting(None, text, None, None, publisher)
    assert m.is_meeting
    assert (m.organ, m.level, m.province, m.city) == want


# Round 89, what the round-88 review left (made-up forms of local reports): the chair's higher post named first is no
# place of the meeting; a division the meeting heard from is not the body that met; a body named after the publisher's
# city keeps that city's province whatever other province the text names; a paper by its city's bare short name, where
# a county shares it (本溪日报: 本溪市 and 本溪满族自治县), is the city's.
@pytest.mark.parametrize("text, publisher, want", [
    ("3月5日，平顶山市委常委、舞钢市委书记张某主持召开市委常委会会议，研究部署下一步工作。", None,
     ("中共舞钢市委", "county", "河南", "平顶山")),
    ("3月5日，市委书记张某主持召开市委常委会会议，听取了舞钢市政府关于防汛工作的汇报。", "平顶山市人民政府",
     ("中共平顶山市委", "municipal", "河南", "平顶山")),
    ("3月5日，市委书记张某主持召开市委常委会会议，深入学习贯彻习近平总书记在重庆考察时的重要讲话精神。", "平顶山市人民政府",
     ("中共平顶山市委", "municipal", "河南", "平顶山")),
    ("3月5日，市委书记张某主持召开市委常委会会议，研究部署下一步工作。", "本溪日报", ("中共本溪市委", "municipal", "辽宁", "本溪")),
    ("3月5日，市委书记张某主持召开市委常委会会议，研究部署下一步工作。", "朝阳日报", ("中共朝阳市委", "municipal", "辽宁", "朝阳")),
])
def test_a_local_meeting_is_placed_by_its_own_body(text, publisher, want):
    m = extract_meeting(None, text, None, None, publisher)
    assert m.is_meeting
    assert (m.organ, m.level, m.province, m.city) == want


def test_a_district_studying_a_speech_made_in_its_province_is_placed_there():
    # the 44 local excerpts' M24 form: the speech the General Secretary made visiting the province is the province's
    m = extract_meeting(None, "12月5日，区委常委会（扩大）会议召开，传达学习习近平总书记在福建考察时的重要讲话精神。区委副书记、"
                              "区长张某主持会议。", None)
    assert (m.level, m.province) == ("county", "福建")


# Round 89: a government site says whose it is, in the metadata every government page carries (SiteName, SiteIDCode,
# ArticleTitle, PubDate, ContentSource) and in its footer (网站标识码：…, 主办单位：…). The identity code opens with the
# division code of the government whose site it is (1304000009: 130400 邯郸市), so a report that names its committee
# without its place (市委常委会会议) is placed by the site it was scraped from.
@pytest.mark.parametrize("chrome, want", [
    ("网站标识码：2105020001", ("中共本溪市委", "municipal", "辽宁", "本溪")),  # a district's site reposting its city's meeting
    ("邯郸市人民政府\n网站标识码：1304000009", ("中共邯郸市委", "municipal", "河北", "邯郸")),
    ("相关信息\n舞钢市召开防汛会议\n主办单位：邯郸市人民政府办公室", ("中共邯郸市委", "municipal", "河北", "邯郸")),
    ("相关信息\n舞钢市召开防汛会议", (None, "municipal", None, None)),  # a related item's title is no site's
    ("网站标识码：bm07000001", (None, "municipal", None, None)),  # a central department's site
])
def test_a_local_meeting_is_placed_by_the_site_it_is_on(chrome, want):
    m = extract_meeting("市委常委会召开会议", "7月29日，市委书记张某主持召开市委常委会会议，研究部署防汛工作。", None, chrome, None)
    assert m.is_meeting
    assert (m.organ, m.level, m.province, m.city) == want


def test_a_district_site_places_its_district_committee():
    m = extract_meeting(None, "7月29日，区委书记张某主持召开区委常委会会议，研究部署防汛工作。", None, "网站标识码：1101070001", None)
    assert (m.organ, m.level, m.province) == ("中共石景山区委", "county", "北京")


@pytest.mark.parametrize("publisher, chrome, want", [
    ("明山区人民政府", None, ("本溪市疫情防控指挥部工作调度会议", "municipal", "本溪")),  # a district's site: 市 is its city
    (None, "网站标识码：2105040001", ("本溪市疫情防控指挥部工作调度会议", "municipal", "本溪")),
    ("舞钢市人民政府", None, ("舞钢市疫情防控指挥部工作调度会议", "county", "平顶山")),  # a county-level city's: its own
])
def test_a_city_meeting_on_a_county_level_site(publisher, chrome, want):
    m = extract_meeting("市疫情防控指挥部召开工作调度会议", "8月30日，市疫情防控指挥部召开工作调度会议，研究部署当前疫情防控工作。"
                        "市委副书记、市长、市疫情防控指挥部总指挥吴某主持会议。", None, chrome, publisher)
    assert (m.series, m.level, m.city) == want


def test_a_one_character_county_is_no_word_and_a_community_no_place():
    m = extract_meeting(None, "全县领导干部大会召开，宣布省委关于张三同志任县委委员、常委、书记的决定。", None, None, "阜城县人民政府")
    assert (m.series, m.province, m.city) == ("阜城县领导干部大会", "河北", "衡水")  # not 任县 (邢台)
    m = extract_meeting(None, "6月1日，社区党委召开会议，研究有关工作。", None)
    assert m.organ is None or "社区委" not in m.organ
    m = extract_meeting(None, "6月1日，市长于近日主持召开市政府常务会议。", None)  # 于近日 is no name
    assert m.chair != "于近"


# …and who presided, as local reports name them
@pytest.mark.parametrize("text, chair, title, session", [
    ("1月12日上午，县委副书记、县长王代强主持召开十三届县委第32次常委会会议。", "王代强", "县委副书记、县长", 32),  # 强 of 强调
    ("12月9日，全市重点项目汇报会召开，市委副书记、市长于海宇主持会议并讲话。", "于海宇", "市委副书记、市长", None),  # 于 "at"
    ("4月8日，市委理论学习中心组学习会召开。市委常委、宣传部长徐某主持学习会。", "徐某", "市委常委、宣传部长", None),
    ("8月30日，市疫情防控指挥部召开工作调度会议。市委副书记、市长、市疫情防控指挥部总指挥王建民主持会议。", "王建民",
     "市委副书记、市长、市疫情防控指挥部总指挥", None),
    ("3月5日，市长王伟主持召开市政府常务会议，研究有关事项。今年以来，市政府已召开12次常务会议。", "王伟", "市长", None),  # a count
    ("4月1日，农安县安委会召开2019年第二次全体（扩大）会议。副县长刘某主持会议。", "刘某", "副县长", 2),
    ("8月20日，县委常委、政府常务副县长冉某主持召开招商引资推进会。", "冉某", "县委常委、政府常务副县长", None),
    ("6月2日上午，政府代县长高某主持召开县长办公会。", "高某", "政府代县长", None),
    ("6月16日，全县河湖长制工作会议召开。县委副书记、县长、县总河长陈某主持会议。", "陈某", "县委副书记、县长、县总河长", None),
])
def test_a_local_chair_and_ordinal(text, chair, title, session):
    from datetime import datetime

    m = extract_meeting(None, text, datetime(2023, 3, 30))
    assert (m.chair, m.chair_title, m.session_no) == (chair, title, session)


# Round 89: where nobody is said to preside, the convener the first sentence names is the chair (the blind labels of a
# county's and a national report); not who attended a meeting held by others, and a name as long as its other mentions
@pytest.mark.parametrize("text, chair, title", [
    ("8月20日上午，县委常委、政府常务副县长冉某某召开招商引资推进会，对各单位在谈项目逐项研究分析。冉某某强调，一要认清形势。",
     "冉某某", "县委常委、政府常务副县长"),
    ("截至22号，31个省区市党委常委班子均已召开专题民主生活会，班子成员普遍开展了批评和自我批评。", None, None),  # no person
    ("中共中央政治局常委、国务院副总理韩正17日在住房城乡建设部召开座谈会。韩正强调，要做好住房和城乡建设工作。", "韩正",
     "中共中央政治局常委、国务院副总理"),
    ("10月1日晚，副市长彭雁迅速召开我市安全生产紧急会议。彭雁要求，各级各部门要加强做好当前安全防范工作。", "彭雁", "副市长"),
    ("中共中央政治局常委、国务院副总理张高丽31日出席在北京召开的大气污染防治协作机制第十次会议并讲话。", None, None),
    ("8月20日，县委书记王某召开县委常委会会议。会议由县长李某主持。", "李某", "县长"),
])
def test_the_convener_chairs_where_nobody_is_said_to_preside(text, chair, title):
    m = extract_meeting(None, text, None)
    assert (m.chair, m.chair_title) == (chair, title)


# Found by a review of round 89 (made-up forms of local and national reports; the old code was right on the first four
# kinds): the convener is the chair only where nobody is said to preside anywhere in the report; a name keeps its third
# character where the report always writes it; two conveners, or a meeting held at someone's request, give no chair.
@pytest.mark.parametrize("text, chair", [
    ("6月3日，省委书记张某召开民营企业座谈会，听取意见建议。张某强调，要优化营商环境。省委副书记、省长李某主持座谈会。", "李某"),
    ("6月3日，市长张某召开防汛专题会议，研究部署全市防汛工作。张某指出，要压实责任。市水利局汇报了有关情况。会议由副市长李某主持。",
     "李某"),
    ("6月3日，县长张国强召开县政府常务会议，研究有关事项。张国强强调，要抓好落实。", "张国强"),
    ("6月3日，副市长王建立召开全市安全生产工作会议，部署安全生产工作。王建立要求，要压实责任。", "王建立"),
    ("6月3日，县委书记王某、县长赵某召开县委常委会会议，研究有关事项。王某强调，要抓好落实。赵某指出，要压实责任。", None),
    ("根据市委书记张某要求市应急局召开全市安全生产紧急会议，部署有关工作。张某作出批示。", None),
    # (round 92, from a review of rounds 90 and 91: a name is not lengthened by the word after it; a meeting the report
    # relays is no say on who presided over this one; a clause before the convener does not hide him)
    ("6月3日，市长王刚在市政府召开常务会议，研究工作。王刚在讲话中指出，要抓好落实。", "王刚"),
    ("6月3日，县委书记张华同志召开县委常委会会议，研究工作。张华同志强调，要抓好落实。", "张华"),
    ("6月3日，县长王刚率队召开现场办公会，研究工作。王刚率队察看了项目现场。", "王刚"),
    ("国务院总理李强在京召开经济形势专家和企业家座谈会，听取意见。李强在会上说，要坚定信心。", "李强"),
    ("6月3日，县长张某召开县政府常务会议，研究近期工作。张某指出，要抓好落实。会议传达学习了省长李某主持召开的省政府常务会议精神。", "张某"),
    ("6月3日，受市长张某委托，副市长李某召开全市安全生产工作会议。李某强调，要压实责任。", "李某"),
    ("6月3日，按照省委书记李某批示要求，市委书记张某连夜召开专题会议，研究部署。张某强调，要压实责任。", "张某"),
])
def test_the_convener_chairs_only_where_nobody_presides(text, chair):
    assert extract_meeting(None, text, None).chair == chair


# …and the places of round 89: a higher post stripped only where the own post names its own place; a province's body
# is no city's that shares its name; a division heard of is skipped only below the body that met; a market's or the
# citizens' gathering on a county's site stays the county's; a media account named like a prefecture is no paper; a
# 市辖区 code no place; on a province-level city's district's site 市 is that city.
@pytest.mark.parametrize("title, text, chrome, publisher, want", [
    (None, "6月3日，焦作市委常委、常务副市长张某主持召开市政府专题会议，研究部署城市更新工作。", None, None,
     ("焦作市人民政府", "municipal", "河南", "焦作")),
    (None, "6月3日，焦作市委常委、政法委书记张某主持召开全市政法工作会议。", None, None, (None, "municipal", "河南", "焦作")),
    (None, "7月29日，吉林省委书记张某主持召开省委常委会会议，研究部署防汛工作。", None, "吉林市人民政府",
     ("中共吉林省委", "provincial", "吉林", None)),
    (None, "7月29日，海南省委书记张某主持召开省委常委会会议。", None, "海南州人民政府", ("中共海南省委", "provincial", "海南", None)),
    (None, "6月3日，县委书记张某主持召开县委常委会会议，研究阜城县政府工作报告。", None, None, ("中共阜城县委", "county", "河北", "衡水")),
    ("市场主体培育工作会议召开", "7月29日，市场主体培育工作会议召开。", None, "明山区人民政府", (None, "county", "辽宁", "本溪")),
    ("市民服务中心建设推进会召开", "7月29日，市民服务中心建设推进会召开。县长张某主持会议。", "网站标识码：1311280001", None,
     (None, "county", "河北", "衡水")),
    (None, "7月29日，区委书记张某主持召开区委常委会会议。", None, "朝阳发布", (None, "county", None, None)),
    (None, "7月29日，市委书记张某主持召开市委常委会会议。", "网站标识码：1304010001", None, (None, "municipal", None, None)),
    (None, "7月29日，市委书记张某主持召开市委常委会会议。", "网站标识码：1101070001", None, ("中共北京市委", "provincial", "北京", None)),
    # (round 92, from a review of rounds 90 and 91: a media account by any city's bare short name but a municipal
    # district's; a site's head past its top bar, its most particular name; a municipality's own gathering; 市政协; a
    # county meeting that studies a 盟委's plenum; a guest's 州委常委、市委书记)
    ("市委常委会召开会议", "7月29日，市委书记张某主持召开市委常委会会议。", None, "通化发布", ("中共通化市委", "municipal", "吉林", "通化")),
    ("市委常委会召开会议", "7月29日，市委书记张某主持召开市委常委会会议。", "设为首页 | 加入收藏\n邯郸市人民政府\n当前位置：首页 > 邯郸要闻",
     None, ("中共邯郸市委", "municipal", "河北", "邯郸")),
    ("县委常委会召开会议", "7月29日，县委书记张某主持召开县委常委会会议。", "中国政府网\n河北省人民政府\n邯郸市人民政府\n魏县人民政府\n首页",
     None, ("中共魏县县委", "county", "河北", "邯郸")),
    ("全市安全生产工作会议召开", "全市安全生产工作会议召开，副市长张某出席会议并讲话。", "网站标识码：1101070001", None,
     (None, "provincial", "北京", None)),
    ("市政协召开主席会议", "7月29日，市政协主席张某主持召开市政协主席会议。", "网站标识码：2105040001", None,
     ("政协本溪市委员会", "municipal", "辽宁", "本溪")),
    ("科右前旗召开传达学习盟委全会精神会议", "7月29日，科右前旗召开传达学习盟委全会精神会议。旗委书记张某主持会议。", None, None,
     (None, "county", None, None)),
    (None, "7月29日，市委书记李某主持召开市委常委会会议，研究部署对口协作工作。会议邀请了对口协作地区州委常委、市委书记张某参加。", None,
     None, (None, "municipal", None, None)),
])
def test_a_local_place_rule_keeps_to_its_own_body(title, text, chrome, publisher, want):
    m = extract_meeting(title, text, None, chrome, publisher)
    assert m.is_meeting
    assert (m.organ, m.level, m.province, m.city) == want


# …and a page's furniture: the lines that say who runs the site, or the site's own name at its head, place a report;
# a friendly link, a related link or a province heading a list of links does not.
@pytest.mark.parametrize("chrome, city", [
    ("中国·邯郸\n首页 > 邯郸要闻\n相关信息\n友情链接\n中国政府网\n邢台市人民政府\n石家庄市人民政府\n版权所有：邯郸市人民政府办公室", "邯郸"),
    ("首页 > 要闻\n友情链接\n河北省人民政府\n邢台市人民政府\n主办单位：邯郸市人民政府办公室", "邯郸"),
    ("首页 > 新闻\n相关链接\n中共郑州市委\n技术支持：某公司", None),
    ("本溪市人民政府\n首页 > 新闻", "本溪"),
])
def test_a_site_is_placed_by_who_runs_it_not_by_its_links(chrome, city):
    m = extract_meeting("市委常委会召开会议", "7月29日，市委书记张某主持召开市委常委会会议。", None, chrome, None)
    assert m.city == city


# From the local pages U9-U12 (forms with names changed): a league's administrative office (行署) is a prefecture's
# body, not a national one; a city whose secretary sits on a prefecture's committee (州委常委、市委书记) is a county-level
# city, whose meetings are a county's.
@pytest.mark.parametrize("text, level", [
    ("3月25日，行署党组召开2024年第四次会议暨理论学习中心组集体学习会议。盟委副书记、盟长、行署党组书记罗某主持会议。", "municipal"),
    ("3月2日，市委统一战线工作领导小组全体（扩大）会议召开。州委常委、市委书记李某作出批示，市委常委、市委统战部部长许某出席会议并讲话。",
     "county"),
    ("3月2日，州委常委、市委书记李某主持召开市委常委会会议。", "county"),
    ("3月2日，省委常委、市委书记李某主持召开市委常委会会议。", "municipal"),  # a province's: a prefecture-level city
])
def test_a_prefecture_office_and_a_county_level_city(text, level):
    m = extract_meeting(None, text, None)
    assert m.is_meeting and m.level == level


def test_listed_attendees_lose_the_title_their_list_ran_into():
    # 市人大常委会副主任陈相凤、… : 任陈相凤 before; 中共中央政治局委员丁薛祥、… : 员丁薛祥 (323 corpus reports' participants)
    m = extract_meeting(None, "3月21日下午，市人大常委会第五次会议举行。市委书记、市人大常委会主任倪某，市人大常委会副主任"
                              "陈相凤、江志坚、王国强出席会议。", None)
    assert {p.name for p in m.people if p.role == "attendee"} == {"陈相凤", "江志坚", "王国强"}


# Found by a review of the rule above: what the name or post must not make local, or must place higher.
@pytest.mark.parametrize("title, text, is_meeting, level", [
    (None, "西藏自治区政协十二届常委会第五次会议今天开幕。", True, "provincial"),  # 自治区's 区 is no district
    (None, "北京市召开全市安全生产工作会议，市长殷勇主持。", True, "provincial"),  # a province-level city
    (None, "6月1日，广西壮族自治区召开全区经济工作会议。自治区党委书记鹿心社主持会议。", True, "provincial"),  # 全区: the region
    (None, "全市场注册制改革动员部署会在北京召开。", True, "central"),  # 全市场 is no city
    ("首尔全力应对强降雨", "8日，韩国首尔市长吴世勋主持召开紧急会议。", False, None),  # a foreign mayor
])
def test_a_local_rule_keeps_to_chinese_cities_and_counties(title, text, is_meeting, level):
    from datetime import datetime

    m = extract_meeting(title, text, datetime(2022, 12, 20))
    assert (m.is_meeting, m.level) == (is_meeting, level)


# A city's own site names itself the publisher (the seed's 来源：焦作市人民政府, or a source.yaml's publisher: …): a committee
# the report names without its place is the publisher's city's; a province's meeting it reposts is that province's.
@pytest.mark.parametrize("text, publisher, organ, series, level, province, city", [
    ("12月2日，市委常委会召开会议，传达学习重要讲话精神。市委书记李明主持。", "焦作市人民政府", "中共焦作市委", "焦作市委常委会会议", "municipal", "河南", "焦作"),
    ("12月2日，市委常委会召开会议，传达学习重要讲话精神。市委书记李明主持。", "央视网", None, "市委常委会会议", "municipal", None, None),
    ("11月12日，省委常委会（扩大）会议举行。省委书记王强主持并讲话。", "焦作市人民政府", "中共河南省委", "河南省委常委会会议", "provincial", "河南", None),
])
def test_a_local_site_names_the_place_its_reports_leave_out(text, publisher, organ, series, level, province, city):
    from datetime import datetime

    m = extract_meeting(None, text, datetime(2022, 12, 3), None, publisher)
    assert (m.organ, m.series, m.level, m.province, m.city) == (organ, series, level, province, city)


@pytest.mark.parametrize("text, chair, title", [
    ("1月19日上午，区人大常委会主任张华主持会议。", "张华", "区人大常委会主任"),  # was 主任
    ("会议由市人大常委会副主任董明主持。", "董明", "市人大常委会副主任"),
    ("市人大常委会常务副主任、党组副书记周平主持会议并讲话。", "周平", "市人大常委会常务副主任、党组副书记"),
    ("市政协主席王胜主持会议。", "王胜", "市政协主席"),
    ("全国人大常委会委员长栗战书主持会议。", "栗战书", "全国人大常委会委员长"),  # (the national one as before)
])
def test_a_local_congress_or_cppcc_post_is_a_title_whole(text, chair, title):
    from dagster_project.core.meetings import chair_of

    assert chair_of(text) == (chair, title)


def test_a_local_paper_heads_a_meeting_report_with_its_message():
    # 全力抓好岁末年初安全生产工作: no meeting in the title, the meeting presided over in the first sentence (was no meeting)
    from datetime import datetime

    m = extract_meeting("全力抓好岁末年初安全生产工作", "11月28日上午，市委副书记、市长王平主持召开市政府第十四届62次常务会议，"
                        "会议听取全市安全生产工作情况汇报，并部署下一步工作。", datetime(2019, 12, 1))
    assert (m.is_meeting, m.series, m.session_no, m.level, m.chair) == (True, "市政府常务会议", 62, "municipal", "王平")


def test_a_series_keeps_no_stray_di_of_an_ordinal():
    # 第十四届全国人民代表大会财政经济委员会全体会议 gave the series 第全国人民代表大会财政经济委员会全体会议:
    # the real 新闻联播 item, tests/fixtures/series/xwlb_VIDEdMa0Tr2CJrzlKMHDp4CU260308.json
    from pathlib import Path

    (g,) = [g for g in load_gold(Path(__file__).parent / "fixtures" / "series") if g.name.endswith("VIDEdMa0Tr2CJrzlKMHDp4CU260308")]
    m = extract_meeting(g.doc.title, g.doc.body, g.doc.published_at, g.doc.page_chrome)
    assert m.series == "全国人大财政经济委员会全体会议" and m.organ == "全国人大财政经济委员会"


BLIND = sorted(load_gold(__import__("pathlib").Path(__file__).parent / "fixtures" / "blind"), key=lambda g: g.name)


@pytest.mark.parametrize("g", BLIND, ids=[g.name for g in BLIND])
def test_reports_labelled_blind(g):
    """tests/fixtures/blind: a hundred and ninety real reports labelled blind under ANNOTATION.md by someone who had not
    seen the extractors, on which they were wrong until the eleventh, twelfth, … or eighteenth session (each file's
    labels.notes says how). Each is checked on the fields it is there for: joint commissions with another country are no
    meeting; a commemoration rally and a Party group's study session are; a leading group or committee
    is the organ of its meeting; a title's phrases, parted by spaces, are read one by one; the NPCSC's
    lectures, the State Council's study sessions, a party's national congress and the chairman's
    symposium with attending deputies are meetings and series; the formulations of four of them (ANNOTATION.md §3: whole formulations,
    slogans not banners, nor the topics a meeting discussed); and a conference's agenda topics (三个议题：
    一是…) are no directives, and (from the thirteenth session, as most blind labellers read it) a central
    bank report's 一是…五是 is the bank's. From the twelfth session: a
    foreign state's or the WTO's meeting is none; a meeting a leader's instruction was sent to is; a
    congress's plenary, an inspection round, a leading group's plenary, the Party Centre's consultation
    and a session's presidium are named as such; a bare chair, a visit's meeting day, 一个中国政策; a visit
    with a talk, a reaction piece and a talk abroad are no meetings; a list of posts, or of what others'
    speeches dwelt on, is no directives; a chair's title starts at its title; a CPPCC session's plenary is the session's; 二要紧紧…
    is a list's item; a 协商会 is a meeting; a congress's opening is the congress's; the army's, the General
    Secretary's (wherever it meets) and the propaganda chiefs' conferences have their organs; 五次执委会议's
    ordinal; 和平共处五项原则 and 国有企业改革三年行动 unquoted; an NPCSC session's group deliberations are its
    sittings; 常委 inside 常委会 is no title; 会议由梁振英主持; 习近平在会上发表重要讲话; 国务院召开… in the
    opening; 政协第十三届全国委员会第七次主席会议 is 全国政协's; 两个积极性; 一是A，二是B: A without its comma. From the thirteenth: 为此，一要… after
    会议认为 is a list of instructions; a quote that names a gathering or its theme, and 一国 and 两制 quoted
    apart, are no formulations; 三大战略行动 whole; 八项规定 either spelling; “灯下黑” and “排头兵” are figures of speech; 全国党委秘书长会议 and
    全国政法工作电视电话会议 have the departments that hold them as organs; the CPPCC chairman's
    gathering is the CPPCC's; a sitting's quoted topic and a meeting whose spirit is studied are not the series;
    the women's congress is 中华全国妇女联合会's; a numbered standing committee session that studies a
    plenum's spirit is a meeting, two sessions announced before they open are not; 中央书记处书记 is a title;
    一是有…二是有… is no list of tasks; 会议决定 and 会议确定 make the meeting the speaker, 一要紧扣 is a marker, a
    news story's unattributed list is no one's; a title is no 中央军委 meeting, 动员大会 is a name, a leading group's
    name may hold quotes and 《》, 军队领导干部会议 is the CMC's, 中共国务院党组's series is 国务院党组会议; a chair
    recalled from another meeting is not this one's; 一〇〇 is 100, 中央纪委书记 a title, the NPC Standing Committee
    chairman's gathering the committee's, a session's 预备会议 the session's, 国际妇女节 no international meeting,
    and the dateline, not a repeated headline, dates a report; a quoted topic's words are not the report's
    kind, 常委|会委托 is no chair, 中国残联 is a body in a title; a study headline over a 座谈会 the opening
    says was held is that meeting's, a title's phrases run together name no meeting; 中央军委党的建设会议 is its
    own series; 王晨副委员长兼秘书长主持. From the fourteenth: 第24届冬奥会工作领导小组 keeps the games' 届, 受…赵乐际委托，
    李鸿忠主持 is 李鸿忠's chair, 会议由…易纲召集 names the chair, an unquoted 动态清零 is no formulation; a 中央纪律检查委员会
    plenum's communiqué is a meeting, 主持人 is a post, 习近平同志主持, 中央文明委 and 党的二十大主席团 by their full names;
    经济大省 is no province, 党的十九大's 预备会议 is the congress's, the deputies' proposals' 交办会 is the NPCSC office's. From
    the fifteenth: 下一步，一要… after a review is a list of instructions, and one in a paragraph 会议听取… opens is the
    meeting's; 全国政协主席会议成员务虚会 is its own series, 叙临时总理's cabinet no Chinese body's, a 就…topic no part of a
    series, and a national conference whose delegates a leader receives (习近平会见全国公安工作会议代表) a meeting;
    …调研并召开部分省区市巡视工作座谈会 is a meeting and central, a census keeps its ordinal, 庆祝中国人民政治协商会议成立75周年大会
    is named whole, “一带一路” high-level meetings and “叙利亚之友” are no Chinese body's, and a plenum's roster is no directives;
    委员们建议 is the members' list, 要着力营造…：一是 instructs, a presidium's 主持人 is a title, 调研协商座谈会 is the CPPCC's
    series and 欧亚国家议长会议 an international meeting; 报告了…工作建议 lists tasks, 出席…会议并…调研 is a meeting, 就业局势
    no foreign situation, a Vice Premier's 座谈会 the State Council's, “委员通道” no sitting, and a study topic or 上半年 no
    part of a series; 台盟's 全盟代表大会 is a congress, 20日、23日、24日 dates by its first day, and 由 starts no title; an instruction
    conveyed at a conference a leader attended (…出席第十五次全国民政会议并讲话) is that conference's report. From the sixteenth:
    a talk with foreign experts is no meeting, a chairman acting for the Party Centre holds its meeting, the body after 暨
    convenes, a meeting no place is named for is central; the members' speeches' points are the meeting's, the Party Centre's
    briefing of non-Party figures is its meeting, the NPCSC's lecture is its own, an office's name ends a title, and a CPPCC
    session's video sitting is the session's; a leader who convened a meeting no one is said to preside over chairs it, a
    council's 理事大会 and a 汇报会 are meetings, and a body's name in a title may hold a number; 第十次全国归侨侨眷代表大会 is
    a congress with its ordinal, and a title's bare 座谈会 takes the opening's full name. From the seventeenth: topics
    an inspection is told to take up (要把握好四个重点：一是…情况) are tasks, one numbered list is one speaker's, and the NPC
    presidium's meetings are 全国人大会议主席团会议 and …常务主席会议; an 执法检查组's plenary is the group's meeting, a
    list of what was done (…了) no directives, a list a sentence after 会议决定 the meeting's, a title's shortened name the
    opening's, and a congress's opening sitting its chair's; the NPC's session and committees by their short names
    (全国人大, 全国人大会议), a quarter no part of a series, a press conference on carrying out a meeting's spirit no
    meeting, the CMC's 专题民主生活会 its 民主生活会, and the Discipline Commission's secretary's 座谈会 the commission's; a closing's report dated by the first day
    it gives, 政协常委会第十九次会议 the CPPCC Standing Committee's session, and a 交流会 on studying a thought a meeting; a 一要…四要 list after a
    review the meeting's orders, and a Party group's （扩大） sitting its own; a 宣誓仪式 no meeting. From the eighteenth: a quoted
    unit's name and a quoted research topic are no formulations, a 总指挥部 convenes its plenary, 大会执行主席 is a title whole, a
    delegation's plenary is the delegation's without the session's ordinal, a party's congress held with its anniversary is the
    congress, and a headline's list without its 、 is named as the opening writes it; a 部际联席会议 convenes its teleconference, and
    “黄河大合唱” is a slogan; a list of what bills are about is no directives, and a national teleconference's ordinal stands
    15 characters before its 会议; a meeting that studies an instruction's spirit is a meeting, and 12日、13日和15日 dates by its first day;
    a report's or an explanation's words (报告指出, 说明指出) are its maker's, and 常务副主席 and 常务副组长 are titles whole; a 现场会 is a
    meeting, and a meeting held jointly with another (…暨…) is named with both. From the nineteenth: a 命名大会 is a meeting,
    a chaired 专题学习 of the NPCSC chairman's council's members is one of its own, a Party group keeps the 中共 its report
    names it by, quotes round a gathering's whole name are no part of its series, 三是指导 is an item (not 是指), and 八项行动,
    “半边天” and an unquoted 一分部署、九分落实 are formulations; a title is no run of a headline's words and may hold a quoted
    name, a 部际联席会议's plenary the opening names is its own, a session's sitting that elects is a meeting, a 总结大会 is
    one, 今天 dates a meeting and 于…召开这次 too, what five years achieved is no directives, and 今冬明春 no part of a series;
    a leader whose initiative a speaker cites does not take his list, features described (…的特点：一是…) are no directives,
    全国政协民宗委 is its committee by its full name, and a banner's “1818－2018” no formulation; a session a meeting proposed
    to convene is not that meeting, and a conference's plenary (…工作会议举行第二次全体会议) is the conference's; a 奖励大会 is
    a meeting, and what a meeting adopted (会议通过《…》) and what its participants agreed (与会人员一致表示) are the meeting's.
    From the twentieth: the chair's post in the body a meeting is named for names its convener (…中央网络安全和信息化委员会
    副主任 at 全国网络安全和信息化工作会议), a 联络组 convenes its 专题会议, the Youth League's congress is the league's by its
    full name, 两个百年奋斗目标 is the formula 两个一百年, and why a campaign matters (第一，这是…的必然要求) is no directives; a chair whose sentence gives him no title has the one the
    report first gives him; what a meeting discussed and adopted (会议讨论通过《…》，确定了以下…) is its list, a welcome ceremony
    and an instruction sent as a congress opened (…召开之际，…作出重要批示) are no meetings, 10日上午和12日下午 dates by its first
    day, the CPPCC's special committees meet as 全国政协's, its secretary-general's commemoration is the CPPCC's, and 四个“坚持”
    is the formula 四个坚持; a speaker at a congress is no part of its name (习近平在中国文联第十一次全国代表大会…), an
    instruction conveyed at a conference (…出席会议，传达习近平重要指示并讲话) makes the report that conference's, dated by the
    paragraph that reports it held, and what was achieved (成效是明显的：一是…) is no directives; the NPC's 公告 is the report of
    the sitting that elected, 中共中央宣传部今天在京召开 names its convener, a Party Centre department's head chairs its
    gathering, and a year without 年 (2016国家宪法日座谈会) is no part of a series; a name with its middle dot is whole.
    From the twenty-first: a name with a hyphen for its dot is whole, a headline's line gives no chair to the next line's 主持,
    a body's meeting the title says someone chaired is named when the opening reports the instruction it conveyed, 三峡工程建委会
    is 国务院三峡工程建设委员会, a (1), (2)… list is a list, who is spoken to (向与会代表提出) does not speak, a people's
    organisation's 第十一次会员代表大会 is a congress, and a society's congress whose delegates a leader received is none; an
    instruction reported with the conference whose convening is the title's last phrase is that conference's, a 机制 convenes,
    出席在北京召开的… names no place, a four-character name is whole, and 主持交流会 names a chair; a list of subjects that go
    on to their tasks (一是关于…调整，组建…) is a list of tasks, and a society's congress held with an award rally whose delegates a
    leader received is no meeting; the Central Committee's plenum is 中共中央's (中共中央委员会全体会议), a session's group deliberation
    of an inspection's report is a sitting, and a 座谈 with a class that held its closing 座谈会 is a meeting; a speech published
    later and a forum's opening speech are no meetings, and a university's name places no meeting; an ASCII quote of a
    prize's name is no formulation. From the twenty-second: a list whose sentence turns from what was done to an order is
    tasks, 会议决定 after a clause of purpose opens a decided list, 三是非… is an item, and 两大奇迹 is a formula; 三要事不避难
    is an item, a 全国…大会 a leader attended where an instruction was conveyed is the report's, and 为议题 quotes a topic;
    四大伙伴关系 and 全面二孩 are formulas, and a keynote at an international parties' conference is no meeting; 在主持中央政治局会议…时
    recalls another meeting's chair. From the twenty-third: a constitutional amendment's items and the wording they quote are
    no directives and no formulations, 罗富和 is a name whole, deputies arriving are no meeting, a national 大会 held is one and
    central, the CPPCC's 茶话会, the Centre's 团拜会 and the State Council's 招待会 are gatherings, and paired aid to Tibet is
    central; a region's electoral conference sits by its full name, and the CPPCC Party group's study group is its series.
    From the twenty-fourth: quoted “最后一公里” and “卡脖子” are slogans, “我为群众办实事” and “共同但有区别的责任” count, “3·21” is
    none; a rally with an inauguration is no meeting, 首次会议 is session 1, and a visit's 座谈会 is dated by its own paragraph;
    a 社评 is commentary and a 表彰会 a gathering; what 两国总理 or 两国元首 agreed, opening a paragraph, is theirs;
    items that each order (一是必须…) after a reviewing lead are directives; a 系列报告会 is a gathering, leaders' 看望 none;
    双方商定 after 在…， is both sides'. From the twenty-fifth: a city's people's congress is the city's; 四个政治文件, 两手抓、两手都要硬, 三条底线,
    十大伙伴行动 and 五大发展理念 are numbered formulas."""
    m = extract_meeting(g.doc.title, g.doc.body, g.doc.published_at, g.doc.page_chrome)
    assert len(BLIND) == 314
    for field, want in g.labels.items():
        if field == "notes":
            continue
        if field == "directives":
            found = {(d.speaker, d.ordinal, norm(d.headline)) for d in extract_directives(g.doc.body, m if m.is_meeting else None, g.doc.title)
                     if d.kind == "enumerated"}
            assert found == {(d["speaker"], d["ordinal"], norm(d["headline"])) for d in want}, (g.name, sorted(found))
        elif field in ("formulations", "formulations_within"):
            groups: dict[str, set[str]] = {}
            for f in extract_formulations(g.doc.body):
                groups.setdefault(norm(f.canonical), set()).update({norm(f.surface), norm(f.canonical)})
            wanted = {norm(x) for x in want}
            if field == "formulations":
                assert wanted <= set().union(*groups.values()), (g.name, sorted(groups))
            assert all(forms & wanted for forms in groups.values()), (g.name, sorted(groups), sorted(wanted))
        else:
            got = getattr(m, field)
            got = got.isoformat() if field == "meeting_date" and got else got
            assert got == want, (g.name, field, got, want)


REVIEWED = sorted(load_gold(__import__("pathlib").Path(__file__).parent / "fixtures" / "review"), key=lambda g: g.name)


@pytest.mark.parametrize("g", REVIEWED, ids=[g.name for g in REVIEWED])
def test_faults_a_review_found_in_the_blind_rounds(g):
    """tests/fixtures/review: eight real 新闻联播 items on which a review of the eleventh session's changes (seven)
    or the seventeenth's (one) found them wrong (each file's labels.notes says how): a foreign body's 周年大会, a
    chair taken from another meeting the body mentions, a verb taken into a name, a list's space read as a clause
    break, a province a national meeting is about, a campaign's name taken for a topic, quoted X上的 words; an
    inspection group's meeting convened by the committee, though its plenaries are the group's. Two from the nineteenth's
    review (failing at a1e497d): a closing report's 今天 taken for the day the plenum was
    held, and the dates of the session a chairpersons' meeting proposed given to the meeting itself. Four from the twentieth's
    review of rounds 56-58: a leading group's head chairing where the General Secretary speaks chairs for the Party
    Centre (failing at 4d86e53), a scare quote counted (两个“黑匣子”) and a count that refers back (这两个“共识”) make no
    formula (both failing at 4d86e53), and 四个“没有变” is the formula 四个没有变 though “没有变” alone is a scare quote. One
    from its review of rounds 59-60 (failing at 27360f5): an NPC 公告 whose opening names no sitting is the session's. One
    from the twenty-first session (failing at 7e28f47): the subjects an explanation of a draft law goes through (一是关于外商投资的
    界定…) are no directives, and ASCII double quotes quote formulations ("净网2014"). Two from the twenty-second (failing at
    2dd2a10): a quote inside a quote (‘十五五’) is a formulation of its own, and a court report's 从七个方面总结…工作 reviews, as
    回顾 does, and is no directives; and a guard: a short inner quote (‘金娃娃’) is a figure of speech unless the lexicon has it.
    One from its round 70 (failing at 2ba44c7): a quote that names a side event (“…”云上边会) is no slogan. A guard from the
    twenty-third's round 73: another state's National Day 招待会 a leader attends is no Chinese body's gathering. Seven from
    its review of rounds 73-75 (failing at 7d8a536): another state's anniversary reception is none either, a list inside an
    amendment's quoted text is no directives, an industry's 中国…大会 is no meeting, a joint reception is no State Council's,
    李克强主持团拜会 names its chair, the central lecture group's 报告会 is central, and 近日，…党组理论学习中心组 opens a study
    group's sitting. Two from the twenty-fourth's review of rounds 77-79 (failing at 1cb1d64): the turn of 两国元首同意… ends with
    its paragraph, and “9·11”恐怖袭击 is an incident named by its date, no formulation; and a guard: “3·15”晚会 stays one.
    One from its review of rounds 80-81 (failing at b329bd7): a lecture series is named without its quotes; and one (failing at
    c2fe7c6): each date of a list before an incident word (“5·12”、“4·20”两次地震) names an incident."""
    m = extract_meeting(g.doc.title, g.doc.body, g.doc.published_at, g.doc.page_chrome)
    forms = {f.canonical for f in extract_formulations(g.doc.body)} | {f.surface for f in extract_formulations(g.doc.body)}
    assert len(REVIEWED) == 34
    for field, want in g.labels.items():
        if field == "notes":
            continue
        if field == "directives_exclude":
            heads = {norm(d.headline) for d in extract_directives(g.doc.body, m if m.is_meeting else None, g.doc.title)}
            assert heads and not {norm(x) for x in want} & heads, (g.name, sorted(heads))
        elif field == "enumerated_directives":
            found = {(d.speaker, d.ordinal, norm(d.headline)) for d in extract_directives(g.doc.body, m if m.is_meeting else None, g.doc.title)
                     if d.kind == "enumerated"}
            assert found == {(d["speaker"], d["ordinal"], norm(d["headline"])) for d in want}, (g.name, sorted(found))
        elif field == "formulations_include":
            assert set(want) <= forms, (g.name, sorted(forms))
        elif field == "formulations_exclude":
            assert not set(want) & forms, (g.name, sorted(forms))
        else:
            got = getattr(m, field)
            got = got.isoformat() if field == "meeting_date" and got else got
            assert got == want, (g.name, field, got, want)


_STATE_COUNCIL = "国务院总理李强主持召开国务院常务会议。"


@pytest.mark.parametrize("text, items", [
    # 要事 is a word only inside one (大事要事); after a clause's start it is an item
    ("李强强调，一要事不避难、攻坚克难；二要提升效能、强化合力；三要狠抓落实。", ["事不避难、攻坚克难", "提升效能、强化合力", "狠抓落实"]),
    # 要求 reports a requirement made, not an order that turns a review into tasks
    ("会议指出，今年以来，省政府印发安全生产专项整治三年行动方案，要求各地把安全生产摆在更加突出位置，全面排查整治各类风险隐患，"
     "全省各地迅速行动、狠抓落实。一是强化组织领导，各市县均成立工作专班。二是开展拉网排查，累计排查企业1.2万家。三是严格执法检查，"
     "立案查处违法行为300余起。", []),
    # a summing-up followed by the year's deployment is the deployment's list
    ("周强从七个方面总结2020年主要工作，从五个方面部署2021年重点任务，一是坚决维护国家安全；二是服务高质量发展；三是深化司法体制改革。",
     ["坚决维护国家安全", "服务高质量发展", "深化司法体制改革"]),
])
def test_the_twenty_second_sessions_list_rules_hold_their_edges(text, items):
    """Faults a review of rounds 68-70 found in their rules (none in the corpus; each failed at 70c2947)."""
    body = _STATE_COUNCIL + text
    m = extract_meeting("李强主持召开国务院常务会议", body, datetime(2024, 1, 1))
    found = [d.headline for d in extract_directives(body, m, "李强主持召开国务院常务会议") if d.kind == "enumerated"]
    assert found == items


def test_an_inner_quote_after_suo_wei_is_held_off_and_a_congress_is_no_conference_name():
    """所谓‘人权外交’ inside a quote is held off as 所谓“…” is; 出席全国工商联十三届代表大会闭幕大会 names no 全国…大会
    (a review of rounds 68-70; neither in the corpus, both failing at 70c2947)."""
    from dagster_project.core.meetings import NAME_ATTENDED_CONFERENCE

    assert not [f for f in extract_formulations("外交部发言人指出：“美方所谓‘人权外交’，实质是干涉别国内政。”") if f.surface == "人权外交"]
    assert NAME_ATTENDED_CONFERENCE.search("李强出席全国工商联十三届代表大会闭幕大会并讲话") is None
    assert NAME_ATTENDED_CONFERENCE.search("李强出席全国服务业大会并讲话").group("name") == "全国服务业大会"


def test_an_order_after_clauses_that_set_it_up_is_a_directive():
    """The Politburo's meeting of 2025-02-28 (tests/fixtures/directives): 会议强调，今年是…收官之年，做好政府
    工作，要在… is its one order (ANNOTATION.md §2: imperative sentences, 要…, are directives), and the
    report had none; 会议认为/指出 followed by a statement gains none."""
    from pathlib import Path

    (g,) = [g for g in load_gold(Path(__file__).parent / "fixtures" / "directives") if g.name.startswith("gov_csv")]
    m = extract_meeting(g.doc.title, g.doc.body, g.doc.published_at, g.doc.page_chrome)
    found = extract_directives(g.doc.body, m, g.doc.title)
    assert [(d.kind, d.speaker) for d in found] == [("imperative", "会议")]
    assert found[0].text.startswith("今年是“十四五”规划收官之年，做好政府工作，要在以习近平同志为核心的党中央坚强领导下")
    assert g.doc.body[found[0].char_start:found[0].char_end] == found[0].text


def test_what_only_looks_like_an_order_after_clauses_is_not_taken_for_one():
    """Three real 新闻联播 items (tests/fixtures/directives, xwlb_*) that the first form of the rule above
    got wrong: a maxim (治理黄河，重在保护，要在治理), a phrase taken for a speech head (对中央部署的重大
    改革举措，要…, which gave a directive starting 的重大改革举措), a CPPCC member's proposal (印红委员提出，…)."""
    from pathlib import Path

    gold = [g for g in load_gold(Path(__file__).parent / "fixtures" / "directives") if g.name.startswith("xwlb")]
    assert len(gold) == 3
    for g in gold:
        m = extract_meeting(g.doc.title, g.doc.body, g.doc.published_at, g.doc.page_chrome)
        for d in extract_directives(g.doc.body, m, g.doc.title):
            assert not d.text.startswith(("要在治理", "的", "指出")), (g.name, d.text[:30])
            before = g.doc.body[max(0, d.char_start - 12):d.char_start]
            assert "委员提出" not in before and "常委提出" not in before, (g.name, d.text[:30])


# Round 93: the web address a report was scraped from names the site's place, as the labellers of the 124 local pages
# read it (pycsgl.puyang.gov.cn: 濮阳). The addresses are those pages' own; the texts are their forms with names changed.
@pytest.mark.parametrize("url, want", [
    ("http://pycsgl.puyang.gov.cn/show.asp?id=4556", "濮阳市"),  # the prefecture, not its county of the same name
    ("https://dingan.hainan.gov.cn/dab/Html/2021-02-25/20100.html", "定安县"),
    ("http://fxzx.ahfeixi.gov.cn/content/detail/677c950d2b56e036728b4567.html", "肥西县"),  # 安徽's letters, 肥西's pinyin
    ("http://www.bjft.gov.cn/fengtaibao/html/2019-09/27/content_9500_10859493.htm", "丰台区"),  # …or its initials
    ("http://m.fanchengnews.com/p/9763.html", "樊城区"),  # a site's ending (news) after the place
    ("https://m.wuan888.com/news/wanews/20131225/2437.html", "武安市"),
    ("http://www.hainan.gov.cn/hainan/ldhd/202012/569e96bd3fea4f73a70c334ce73736c2.shtml", "海南"),  # a province's own site
    ("http://tongcheng.cjyun.org/p/16195.html", None),  # 通城 and 桐城 are spelled alike
    ("https://scnj.gov.cn/ywdt/njyw/13970560.html", None),  # 南江 and 内江 share their initials
    ("http://bx.gov.cn/xwzx/zwyw/content_582018", None),  # two letters name no one place
    ("http://61.54.6.141:10082/portal/xwzx/hxyw/webinfo/2020/10/phone1619639071455125.htm", None),
    ("https://mp.weixin.qq.com/s/abc", None),  # no 威信县's
    ("http://www.xinhuanet.com/politics/2019-01/01/c_1.htm", None),  # no 新化县's
    ("http://tv.cctv.com/2019/03/05/VIDEabc.shtml", None),
    ("http://beian.miit.gov.cn", None),  # no 北安市's
    # found by a review of round 93: a portal's channel, a province's department, 山西 and 陕西, a province's bodies by
    # their letters, place names' own readings, a university, a relative address
    ("http://gongyi.people.com.cn/n1/2024/0329/c1.html", None),  # the charity channel, no 巩义's
    ("http://scjg.henan.gov.cn/2024/03-29/1.html", "河南"),  # the province's department, no 四川 剑阁's
    ("http://www.shanxi.gov.cn/a.html", "山西"),
    ("http://www.shaanxi.gov.cn/a.html", "陕西"),
    ("http://www.jsrd.gov.cn/a.html", None),  # 江苏's 人大, no 如东's initials
    ("http://www.changzhi.gov.cn/a.html", "长治市"),  # 长 as place names read it
    ("http://www.zhangzhou.gov.cn/a.html", "漳州市"),  # (so no more 长洲's)
    ("http://www.chaoyang.gov.cn/a.html", None),  # 朝阳 and 潮阳
    ("http://www.jiangnan.edu.cn/a.html", None),  # a university, no 江南区
    ("dongtai/2024/t1.html", None),
])
def test_a_web_address_names_the_place_whose_site_it_is(url, want):
    from dagster_project.core.lexicon import division_of_address

    found = division_of_address(url)
    assert (found[0] if found else None) == want


@pytest.mark.parametrize("text, url, publisher, want", [
    ("8月13日，全市安全生产工作会议召开，研究分析当前安全生产工作形势。副市长黄某出席会议。", "http://pycsgl.puyang.gov.cn/show.asp?id=4556", None,
     (None, "濮阳市安全生产工作会议", "municipal", "河南", "濮阳")),
    ("1月6日上午，县政协主席戴某主持召开县政协十一届十八次常委会会议。", "http://fxzx.ahfeixi.gov.cn/content/detail/1.html", None,
     ("政协肥西县委员会", "肥西县政协常委会会议", "county", "安徽", "合肥")),
    # an autonomous county's series by its short name, its organ by its full name, as the labels of its pages have it
    ("3月17日，县长冉某主持召开县人民政府第1次常务会议。", "http://www.zgcqxs.net/show/news/66509.html", None,
     ("秀山土家族苗族自治县人民政府", "秀山县人民政府常务会议", "county", "重庆", None)),
    # what the page's own publisher names comes first
    ("7月18日上午，市委常委会会议召开。市委书记陈某主持会议。", "http://pycsgl.puyang.gov.cn/show.asp?id=1", "舞钢市人民政府",
     ("中共舞钢市委", "舞钢市委常委会会议", "county", "河南", "平顶山")),
    # a central meeting reposted by a city's site stays the Centre's
    ("3月20日，国务院总理李某主持召开国务院常务会议，部署稳就业工作。", "http://pycsgl.puyang.gov.cn/show.asp?id=2", None,
     ("国务院", "国务院常务会议", "central", None, None)),
    # (…and so does one the central series do not list, reposted by a county's: the county makes a meeting its own only where
    # the meeting is local by its own words)
    ("3月29日，财政部党组召开会议，研究部署近期工作。", "http://www.ahfeixi.gov.cn/a.html", None,
     ("财政部党组", "财政部党组会议", "central", None, None)),
    # the place the opening says holds it, whoever's site reposts it
    ("3月29日，郑州市召开全市安全生产工作会议，部署安全生产工作。", "http://www.jiaozuo.gov.cn/a.html", None,
     (None, "郑州市安全生产工作会议", "municipal", "河南", "郑州")),
])
def test_a_local_meeting_is_placed_by_its_web_address(text, url, publisher, want):
    from datetime import datetime

    m = extract_meeting(None, text, datetime(2022, 3, 30), None, publisher, url)
    assert m.is_meeting
    assert (m.organ, m.series, m.level, m.province, m.city) == want
    assert extract_meeting(None, text, datetime(2022, 3, 30), None, publisher).province == \
        (want[3] if publisher or want[2] == "central" or "郑州" in text else None)


def test_an_autonomous_county_has_one_series_however_it_is_named():
    from datetime import datetime

    named = extract_meeting(None, "3月29日，秀山土家族苗族自治县委常委会召开会议，县委书记张某主持。", datetime(2024, 3, 30))
    placed = extract_meeting(None, "3月29日，县委常委会召开会议，县委书记张某主持。", datetime(2024, 3, 30), None, None,
                             "http://www.zgcqxs.net/show/news/66509.html")
    assert named.series == placed.series == "秀山县委常委会会议"
