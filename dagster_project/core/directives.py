"""Directives: items of numbered lists (一要/二要, 一是, 第一, （一）, 1., 首先/其次/最后) and imperative
sentences (要…, 必须…, 确保…), each with its speaker, nesting, strength and offsets into the body.

Works on the raw sentence, never on tokens: segmentation breaks 一要 and 要紧盯.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import leader_mentions, leaders, strength_scale
from .meetings import SPEECH_VERB, Meeting, _leader_at, looks_like_person, name_at
from .numerals import cn_to_int

_CN = "一二三四五六七八九十"
# Where a list marker may stand: the start of a paragraph or a sentence, after a colon or comma
# that opens the list, or straight after a speech verb (她强调，一要…): the text's start or after these.
_AFTER_BOUNDARY = "\n。；：，:;"

# Marker families; each match gives the ordinal in group "n". Each pattern opens with the marker's own
# characters, so the regular-expression engine skips to them at C speed; what must come before a marker
# is tested on the character before it (FAMILY_BEFORE). The same matches as a pattern that opens with
# that lookbehind: no match can start inside a candidate that the test rejects.
FAMILIES: dict[str, re.Pattern] = {
    # 一要做好当前工作 · 二要坚持问题导向
    # (the first item may run on from its lead-in: 我们一要…；二要…; 统一要求 is not a marker, nor the word 要紧
    # (要紧的是), but 二要紧紧围绕… and 一要紧扣… are)
    # (nor 要事, the matter, inside a word (大事要事); an item after a sentence's or a clause's start is one: 。三要事不避难… ·
    # 李强强调，一要事不避难…)
    "yao": re.compile(rf"(?P<m>(?P<n>[{_CN}]{{1,2}})要)(?!求|点|素|件|害|闻|务|是|紧(?=的|是|事|[，。])|事(?<=[^\n。；：，,:;]..事)|么)"),
    # 一是各省市县… · 二是…
    # (the first item may follow its lead-in without a comma: 常委会工作一是…；二是…)
    # (二是指…, what a word means, is no item; 三是指导各地… is; nor 统一是非常必要, 明辨是非曲直; 三是非食用性利用… is)
    "shi": re.compile(rf"(?P<m>(?P<n>[{_CN}]{{1,2}})是)(?!否|非(?=常|曲|观|分明|不分|颠倒)|不是|指(?![导挥引])|说|因为|由于|为了)"),
    # 第一，一定要… · 第二、 (a list may open with 首先，and go on 第二，第三，)
    "di": re.compile(rf"(?P<m>第(?P<n>[{_CN}]{{1,2}})[，、,：:]|(?P<n1>首先)[，,])"),
    # （一）… · (二)…
    "paren": re.compile(rf"(?P<m>[（(](?P<n>[{_CN}]{{1,2}})[）)])"),
    # (1)… · （2）… (a family of its own: it numbers items under （一）)
    "paren_digit": re.compile(r"(?P<m>[（(](?P<n>\d{1,2})[）)])"),
    # 一、充分认识… (a heading that opens its own line, in released documents and long reports)
    "dun": re.compile(rf"(?P<m>(?P<n>[{_CN}]{{1,2}})、)"),
    # 1.… · 2、…
    "arabic": re.compile(rf"(?P<m>(?P<n>\d{{1,2}})[.、．](?!\d))"),
    # 首先，… 其次，… 再次，… 最后，…
    "seq": re.compile(rf"(?P<m>(?P<n>首先|其次|再次|然后|最后)[，,、])"),
}
# family -> (True: the character before must be one of these, False: must not be one of these); the
# start of the text always passes.
FAMILY_BEFORE: dict[str, tuple[bool, str]] = {
    "yao": (False, _CN + "第统唯万同进之逐专单划归合"),
    "shi": (False, _CN + "第"),
    "di": (True, _AFTER_BOUNDARY),
    "paren": (True, _AFTER_BOUNDARY),
    "paren_digit": (True, _AFTER_BOUNDARY),
    "dun": (True, "\n"),
    "arabic": (True, _AFTER_BOUNDARY),
    "seq": (True, _AFTER_BOUNDARY),
}
_SEQ_ORDER = {"首先": 1, "其次": 2, "再次": 3, "然后": 3, "最后": 99}
# A list that reviews what was done is not a list of instructions: 主要开展了以下工作：一是…
REVIEW_LEAD = re.compile(r"回顾|开展了以下|主要做了|主要工作有|取得了|成效显著|取得.{0,4}成效|成绩|做法|过去一年|五年来|一年来|以来[，,]|举措包括|特点(?!优势)|认为|表明|显示")
# What was achieved, said of a list of what it was (取得历史性成就, 作出了重要贡献)
ACHIEVED = re.compile(r"取得[^。，；]{0,8}(?:成就|成效|成绩|进展)|作出了[^。，；]{0,8}贡献")
# Where a headline ends (ANNOTATION.md §2).
HEADLINE_END = re.compile(r"[。；;\n]")
# Sentence ends for imperative directives.
SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")
# An imperative sentence opens with one of these, after an optional speech head or connective.
IMPERATIVE_LEAD = re.compile(
    r"^(?:同时|此外|另外|当前|今年|明年|下一步|各地|各级各部门|各地区各部门|各部门|各级党委和政府|各级党委政府|"
    r"[\u4e00-\u9fff]{2,4}(?:要|必须))?[，,]?"
    r"(?P<lead>要|必须|务必|坚持|确保|坚决|严格|切实|加快|强化|严禁|绝不|决不|不得|着力|全力|扎实|狠抓|进一步|持续|全面|深入|大力|积极|抓紧|尽快)"
)
# A speech head that gives orders (not 认为, 指出; not 提出, which is also what a member proposes), set off
# by a comma (会议强调，…), and an order after up to two short clauses.
ORDER_HEAD = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|会议|她|他)?(?:强调|要求|部署)[，,：:]")
AFTER_CLAUSES = re.compile(r"^(?:[^。；，,]{2,24}[，,]){1,2}(?P<lead>要|必须|务必)")
STATEMENT = re.compile(r"[，,]\s*是[^，。；]{0,20}(?:重要|关键|基础|前提|保障|内容|举措|途径|任务)")
SPEECH_HEAD = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,4}}|会议|她|他)?{SPEECH_VERB}[，,：:]?")


@dataclass
class Directive:
    seq: int
    speaker: str | None
    kind: str  # enumerated, imperative
    ordinal: int | None
    parent_seq: int | None
    marker: str | None
    headline: str
    text: str
    strength: str | None
    strength_rank: int | None
    char_start: int
    char_end: int


# ---------------------------------------------------------------- speakers


@dataclass
class _Turn:
    start: int
    speaker: str | None  # None: no one named (the default speaker's, as before any turn)


# 一些委员建议 · 与会代表认为 : a group speaks
# (委员们建议，一是… ; not 汪洋对委员们提出了五方面具体要求, nor 李克强向与会代表提出三点希望, where they are spoken to)
GROUP_SPEAKER = re.compile(r"(?:(?<![对向给和同])(?:一些|有的|部分|与会)(?:委员|代表|专家)(?:们)?|(?<![对向给和同与])(?:委员|代表|专家)们)$")


# 孙家正代表在参加海南团讨论时说 : a delegate opens a paragraph (never a CPPCC sector or category: 农业界委员 · 特邀委员)
DELEGATE_SPEAKS = re.compile(r"(?m)^([\u4e00-\u9fff]{2,3})(?:代表|委员)(?:在)?参加[^。，\n]{1,20}?(?:讨论|审议)时?(?:说|表示|指出|认为|强调)")
NOT_A_DELEGATE = re.compile(r"界$|^(?:特邀|特别|列席|与会|全体|部分|各位|广大|全国|人大|政协)")

_REPORTS_SPEECH = re.compile(SPEECH_VERB + "|建议|报告了|介绍了|阐述")


# What reports call a leader instead of his name
LEADER_ALIASES = {"毛主席": "毛泽东", "周总理": "周恩来", "习主席": "习近平"}


def speaker_turns(body: str, meeting: Meeting | None) -> list[_Turn]:
    """Where each speaker's words begin: 葛巧红传达… 她强调，一要… · 李亦博强调，一要… · 会议要求，一是…"""
    known = {p.name for p in (meeting.people if meeting else [])}
    turns: list[_Turn] = []
    last_person = meeting.chair if meeting and meeting.chair else None
    am = re.search(r"([\u4e00-\u9fff]{2,3})(?:同志)?的(?:重要)?(?:文章|讲话)", body[:300])
    author = next((n for n in (am.group(1)[-3:], am.group(1)[-2:]) if n in leaders()), None) if am else None
    for m in re.finditer(SPEECH_VERB, body):
        i = m.start()
        who = None
        if body[i - 1 : i] == "的":
            continue  # a noun, not a speech act: 把严的要求贯彻到… · 总书记的讲话 · 会议的部署
        if body[m.end() : m.end() + 1] == "的":
            continue  # 全会提出的新思想 · 会议部署的任务: words described, not spoken here
        before2 = body[max(0, i - 2) : i]
        opens = body[i - 3 : i - 2] in ("", "。", "；", "\n", "，")  # the two characters open a clause
        # 受国务院委托，财政部部长刘昆作了关于2018年中央决算的报告。报告指出，… · …王晨作关于…的说明。说明指出，… : a
        # report's or an explanation's words are the person's who made it (else as below)
        reporter = _report_maker(body, i) if before2 in ("报告", "说明") and opens else None
        if reporter:
            who = reporter
        elif before2 == "会议" or (before2 == "全会" and opens):
            who = "会议"  # 全会强调 : a plenum speaks as the meeting (not 三中全会提出…, an earlier one)
        elif before2 in ("文章", "讲话") and author:
            who = author  # 习近平的重要文章…文章指出 : the article's words are its author's
        elif before2 in ("批示", "指示", "贺信") and opens:
            # 国务院总理李克强作出重要批示。批示指出 : the instruction's words are its author's
            para = body[body.rfind("\n", 0, i) + 1 : i]
            named = _mentions(para, known)
            who = named[-1][1] if named else last_person
        elif body[max(0, i - 3) : i] in LEADER_ALIASES:
            who = LEADER_ALIASES[body[i - 3 : i]]  # 毛主席指出 · 习主席强调
        elif body[i - 1 : i] in ("她", "他"):
            who = _subject_before(body, i, known) or last_person
        elif gm := GROUP_SPEAKER.search(body[max(0, i - 6) : i]):
            who = gm.group(0)
        else:
            for n in (3, 2, 4):
                cand = body[max(0, i - n) : i]
                if len(cand) == n and (cand in known or _leader_at(body, i - n) == cand):
                    who = cand
                    break
            if who is None:
                # A name just before the verb, after a title or a boundary: 市长李亦博作工作部署
                seg = body[max(0, i - 4) : i]
                for n in (3, 2):
                    cand = seg[-n:]
                    start = i - n
                    if (start > 0 and body[start - 1] in "。，；：\n" and name_at(body, start) == cand and not NOT_A_NAME.match(cand)
                            and looks_like_person(cand)):  # 迫切要求 · 这就要求 · 提出的意见: not a person
                        who = cand
                        break
        if who:
            if who != "会议":
                last_person = who
            turns.append(_Turn(i, who))
    # 会议确定，…再推出一批新的降费措施。一是… : what the meeting settled is the meeting's (ANNOTATION.md §2)
    # (opening its clause: not 根据委员长会议决定 inside someone's words)
    # (…以法治推进更高水平对外开放，会议通过《…条例（草案）》…。《条例》…明确了相关事项。一是… : what it adopted, too; and
    # 与会人员一致表示，一要… : the participants as one, no person)
    # (为支持发展对外贸易，会议讨论通过《…若干意见》，确定了以下政策措施：（一）… : what it discussed and adopted)
    turns += [_Turn(m.start(), "会议") for m in re.finditer(r"(?<=会议)(?:确定|决定|(?:讨论|审议)?通过(?=《))(?!的)", body)
              if m.start() < 3 or body[m.start() - 3] in "。，；：\n"]
    turns += [_Turn(m.start(), "会议") for m in re.finditer(r"(?:(?<=[。\n])|^)与会(?:人员|同志)(?:一致)?(?:表示|认为)", body)]
    # 两国总理一致同意，…：一是… · 两国元首同意，…。第一，… · 两国总理听取了…，并就…达成重要共识：一是… : what both sides
    # agreed is theirs, no one leader's (all four blind labels of such lists), where the agreement opens its paragraph (not
    # 习近平强调，…双方一致同意…。双方要…, a leader's words), and not 双方要…落实好商定投资项目 nor 双方要按照…达成的重要共识
    # (…双方积极评价…的重要作用，同意… : 重要 and 应对 are no 要 and 应 of someone's words)
    # (…and a paragraph that goes on reporting both sides: 双方一致认为，… · 在人文领域，双方表示要…)
    joint = [_Turn(m.start(1), m.group(1)) for m in re.finditer(
        r"(?:(?<=\n)|^)(?:在[^，。\n]{1,12}，)?(两国元首|两国总理|两国领导人|双方)"
        r"(?:(?:还|一致)?(?:表示|认为|强调)|(?:(?!(?<![重必主需])要|应(?![对邀用]))[^。：]){0,80}?(?:同意|商定|(?<!的)决定|达成(?!的)[^。，：]{0,6}共识))", body)]
    turns += joint
    # 会议听取了国务院调查组的汇报。…一要… : a paragraph the meeting opens is the meeting's until someone speaks;
    # where it heard a person's report (会议听取了…吉炳轩作的…报告。报告建议，一要…) the points are the reporter's
    # (or, a reporter not found, the default speaker's: the meeting's turn of an earlier paragraph does not run on)
    for m in re.finditer(r"(?m)^会议(?:听取|审议|研究|讨论)[^。\n]*", body):
        rm = re.search(r"(?:受[^，。]{2,12}?委托)?(?<![工合操创写制运协])作的", m.group())  # (not 保障工作的汇报)
        turns.append(_Turn(m.start(), "会议" if rm is None else _reporter(m.group()[: rm.start()])))
    # 中央政治局同志的发言，把握和体现了3个重点。一是… : what the members' speeches covered is the meeting's (two of the
    # three blind labels of such 民主生活会 reports; the chair's speech was a paragraph before)
    turns += [_Turn(m.start(), "会议") for m in re.finditer(r"(?m)^[\u4e00-\u9fff]{0,8}同志(?:们)?的发言[，,]", body)]
    # A person who opens a sentence that reports speech takes the floor there: 张军在报告中对2023年工作提出建议：
    for pos, name in _mentions(body, known):
        if pos > 0 and body[pos - 1] not in "。\n；":
            continue
        sentence = body[pos : body.find("。", pos) if body.find("。", pos) != -1 else len(body)]
        # (not a leader whose initiative a speaker cites in his own paragraph: 李克强表示，…。习近平主席提出打造周边命运
        # 共同体的重要倡议。…中方提出以下建议：一是… is the Premier's list)
        if re.match(rf"{re.escape(name)}[^。，]{{0,6}}?提出(?:了)?[^。]{{0,40}}?(?:倡议|理念|主张|重要论述|重大论断|构想)。?$", sentence) \
                and re.search(SPEECH_VERB, body[body.rfind("\n", 0, pos) + 1 : pos]):
            continue
        if _REPORTS_SPEECH.search(sentence[:60]):
            turns.append(_Turn(pos, name))
    # 孙家正代表在参加海南团讨论时说，… : a delegate who opens a paragraph speaks there, in the lexicon of leaders or not
    # (else the last leader's turn runs on over him: 阿不来提·阿不都热西提 for 孙家正's, 李金华's and 邓朴方's words)
    for m in DELEGATE_SPEAKS.finditer(body):
        if NOT_A_DELEGATE.search(m.group(1)):
            continue
        if looks_like_person(m.group(1)) and not any(t.start == m.start() for t in turns):
            turns.append(_Turn(m.start(), m.group(1)))
    # 代表们表示，… : a group's words end with their paragraph (a feature's later paragraphs quote the leader,
    # in forms that start no turn: 总书记提出四个“要”：要保持…)
    groups = [t for t in turns if t.speaker and GROUP_SPEAKER.search(t.speaker)]
    for t in groups:
        nl = body.find("\n", t.start)
        if nl != -1 and not any(t.start < o.start <= nl + 1 for o in turns if o is not t):
            turns.append(_Turn(nl + 1, None))
    turns.sort(key=lambda t: t.start)
    # A joint turn ends with its paragraph, or with the numbered paragraphs right after it (两国元首同意，…。\n第一，…\n第二，…):
    # the words after it are the speaker's before it again, until another speaks (…。\n习主席就中欧关系…提出三点主张…一是…)
    if joint:
        others = [t for t in turns if t not in joint]
        for j in joint:
            nl = body.find("\n", j.start)
            while nl != -1 and _opens_with_marker(body, nl + 1):
                nl = body.find("\n", nl + 1)
            if nl != -1 and not any(j.start < t.start <= nl + 1 for t in turns if t is not j):
                turns.append(_Turn(nl + 1, _speaker_at(others, nl + 1)))
        turns.sort(key=lambda t: t.start)
    return turns


def _opens_with_marker(body: str, i: int) -> bool:
    """The paragraph at i opens with a list's marker of any family: 第一，… · 二是… · 三、… · （四）…"""
    while i < len(body) and body[i] in " \u3000\t":
        i += 1
    return any(p.match(body, i) for p in FAMILIES.values())


class _Turns:
    """A report's speaker turns, found the first time a directive needs its speaker: most reports have no
    list and no imperative sentence, and finding the turns is the dearest part of reading one (0.08 of
    0.12 ms a report, bench/per_document.py)."""

    def __init__(self, body: str, meeting: Meeting | None):
        self.body, self.meeting, self.turns = body, meeting, None

    def get(self) -> list[_Turn]:
        if self.turns is None:
            self.turns = speaker_turns(self.body, self.meeting)
        return self.turns


# Two-character openings that are words, not names: 按照要求 is not a person called 按照.
NOT_A_NAME = re.compile(
    r"^(?:按照|根据|围绕|对照|会议|我们|同时|此外|要求|代表|大家|各地|各级|有关|相关|这次|本次|今年|明年|目前|当前|近年|通过|坚持|"
    r"强调|指出|进一步|全面|全国|中央|国务|他们|她们|委员|专家|部门|会上|随后|最后|首先|其次|总体|整体|工作|方面|大会|报告|特别|文章|讲话|通知|意见|决定)"
)


def _subject_before(body: str, i: int, known: set[str]) -> str | None:
    """Who 她/他 is: the nearest person before the pronoun who opens a sentence of the same paragraph
    (葛巧红传达了…省委书记楼阳生…精神。她强调 → 葛巧红; 赵乐际出席。王毅通报了情况。他强调 → 王毅),
    else the first person named there. Decided by position alone, so every process decides the same."""
    para_start = body.rfind("\n", 0, i) + 1
    mentions = _mentions(body[para_start:i], known)
    for pos, name in reversed(mentions):
        pos += para_start
        if pos == para_start or body[pos - 1] in "。；":
            return name
    return mentions[0][1] if mentions else None


def _mentions(text: str, known: set[str]) -> list[tuple[int, str]]:
    """(start, name) of every mention of a leader or of a person the meeting names, by position then name."""
    out = leader_mentions(text)
    for name in known - leaders():
        start = text.find(name)
        while start != -1:
            out.append((start, name))
            start = text.find(name, start + 1)
    return sorted(out)


def _names_in(text: str) -> list[str]:
    return sorted({name for _, name in leader_mentions(text)})


# The last character of a title that a name's last characters may take in: 副委员长|丛斌, 主任委员|史耀斌
_TITLE_END = "长员任记席理官人"


def _reporter(before: str) -> str | None:
    """The person whose report a meeting heard, from the words before 作的: …副委员长吉炳轩 → 吉炳轩."""
    # (…秘书长杨振武分别作的 · …人事事项所作的 · …李建国代表执法检查组作的: what follows the name is no part of it)
    before = re.sub(r"(?:分别|等|所|代表[^，。]{0,12}?)$", "", before)
    if (leader := next((before[-n:] for n in (3, 2) if before[-n:] in leaders()), None)):
        return leader
    if dot := re.search(r"[\u4e00-\u9fff]{2,4}·[\u4e00-\u9fff]{1,8}$", before):  # 艾力更·依明巴海
        return dot.group().lstrip(_TITLE_END)
    for n in (3, 2):
        cand = before[-n:]
        # (not the end of a title or a body run into the name: 副委员长|丛斌 · 执法检|查组)
        if (len(cand) == n and re.fullmatch(r"[\u4e00-\u9fff]+", cand) and cand[0] not in _TITLE_END
                and cand[-1] not in "组会部院委局处团室厅" and looks_like_person(cand)):
            return cand
    return None


# …刘昆作了关于2018年中央决算的报告。 · …王晨作关于…决定草案的说明。 : a report or explanation made, to the sentence's end
_MADE = re.compile(r"(?<![工合操创写制运协动])(?:作了|做了|作)[^。，；\n]{0,100}?(?:报告|说明)(?=[。；\n])")


def _report_maker(body: str, i: int) -> str | None:
    """Who made the report or explanation whose words start at i: the person named before 作 in the last sentence,
    at most 800 characters back, that says one was made."""
    made = list(_MADE.finditer(body, max(0, i - 800), i))
    if not made:
        return None
    start = max(body.rfind("。", 0, made[-1].start()), body.rfind("\n", 0, made[-1].start())) + 1
    return _reporter(body[start : made[-1].start()])


def _speaker_at(turns: list[_Turn], pos: int) -> str | None:
    who = None
    for t in turns:
        if t.start <= pos:
            who = t.speaker
        else:
            break
    return who


# ---------------------------------------------------------------- strength


def strength_of(text: str) -> tuple[str | None, int | None]:
    """The strongest marker among the first clause's words: 必须/确保 (5) … 鼓励/探索 (1)."""
    clause = re.split(r"[，。；,;]", text, maxsplit=1)[0][:40]
    for rank, label, words in strength_scale():
        if any(w in clause for w in words):
            return label, rank
    for rank, label, words in strength_scale():
        if any(w in text[:120] for w in words):
            return label, rank
    return None, None


# ---------------------------------------------------------------- enumerated lists


@dataclass
class _Item:
    family: str
    ordinal: int
    start: int  # marker start
    head_start: int  # after the marker
    end: int = 0


def _markers(body: str) -> list[_Item]:
    items = []
    for fam, pat in FAMILIES.items():
        must, chars = FAMILY_BEFORE[fam]
        for m in pat.finditer(body):
            if m.start() > 0 and (body[m.start() - 1] in chars) != must:
                continue
            n = m.group("n") or m.groupdict().get("n1")
            if n == "首先":
                ordinal = 1
            else:
                ordinal = _SEQ_ORDER[n] if fam == "seq" else cn_to_int(n)
            # Items after the first must stand at a boundary (；二是…); only the first may run on.
            if fam in ("shi", "yao") and ordinal > 1 and m.start() > 0 and body[m.start() - 1] not in "\n。；：，:;":
                continue
            if ordinal is None or ordinal == 0:
                continue
            head = m.end()
            # 第一，一定要 · 一是， : skip the comma after a marker
            while head < len(body) and body[head] in "，,、：: ":
                head += 1
            items.append(_Item(fam, ordinal, m.start(), head))
    return sorted(items, key=lambda x: x.start)


# Every family's marker of a second item (二要, 二是, 第二，, （二）, 二、, 2. or (2) in any script's digits, 其次, or 最后
# after 首先), or more: a list needs its item 2 (tests/test_speed_equivalence.py)
_SECOND_ITEM = re.compile(r"二[要是、）)]|第二|\d[.、．](?!\d)|[（(]\d{1,2}[）)]|其次|最后")


def _lists(body: str) -> list[list[_Item]]:
    """Runs of markers of one family numbered 1, 2, 3… (首先…其次…最后 too); at least two items."""
    if not _SECOND_ITEM.search(body):
        return []  # no list without a second item: most reports, found in one pass instead of seven
    return _runs(body, _markers(body))


def _runs(body: str, markers: list[_Item]) -> list[list[_Item]]:
    """The lists a report's markers make (the plain definition: _lists without its precheck)."""
    by_family: dict[str, list[_Item]] = {}
    for it in markers:
        by_family.setdefault(it.family, []).append(it)
    lists = []
    for fam, items in by_family.items():
        current: list[_Item] = []
        for it in items:
            expected = (current[-1].ordinal + 1) if current else 1
            if fam == "seq" and current and it.ordinal == 99:
                current.append(_Item(fam, current[-1].ordinal + 1, it.start, it.head_start))
                continue
            if it.ordinal == expected or (fam == "seq" and current and it.ordinal == current[-1].ordinal + 1):
                current.append(it)
            elif it.ordinal == 1:
                if len(current) >= 2:
                    lists.append(current)
                current = [it]
        if len(current) >= 2:
            lists.append(current)
    # A list whose items sit in different paragraphs far apart is not one list unless each item
    # opens its own paragraph.
    return [lst for lst in lists if _coherent(body, lst)]


def _coherent(body: str, lst: list[_Item]) -> bool:
    for a, b in zip(lst, lst[1:]):
        gap = body[a.start : b.start]
        if len(gap) > 1500:
            return False
    return True


def _item_ends(body: str, lst: list[_Item]) -> None:
    """An item runs to the next item of its list; the last one to the end of its paragraph."""
    for a, b in zip(lst, lst[1:]):
        a.end = b.start
    last = lst[-1]
    para_end = body.find("\n", last.head_start)
    last.end = para_end if para_end != -1 else len(body)
    if last.family == "dun":  # a heading's section runs to the end of the document
        last.end = len(body)
        return
    # The last item of an inline list (一是…；二是…。) ends with its sentence when the paragraph goes on
    # to say something else: look for the sentence end after the headline.
    if all(body.rfind("\n", 0, it.start) == body.rfind("\n", 0, lst[0].start) for it in lst):
        m = re.search(r"。", body[last.head_start : last.end])
        if m and len(lst) > 1 and all(_single_sentence(body, it) for it in lst[:-1]):
            last.end = last.head_start + m.end()


def _single_sentence(body: str, it: _Item) -> bool:
    return body.count("。", it.head_start, it.end) <= 1


# Lead-ins that always introduce a description: 主要表现在：一是… · 主要开展了以下工作：
# 中央政治局同志的发言，聚焦5个重点。一是带头… : what others' speeches dwelt on
# 周强从七个方面总结2020年主要工作，一是… : a work report's review of the year, as 回顾 is (not an order to sum up,
# 要从四个方面总结好…, nor a summing-up followed by the year's deployment, …总结…，从五个方面部署…)
# (not 周强从7个方面报告了2018年工作建议：一是…, the year's tasks)
DESCRIBES = re.compile(r"表现在|主要表现|表现为|开展了以下|主要做了|情况如下|回顾|总结了|(?<!要)从[^。：]{1,4}方面总结(?![^。：]{0,30}(?:部署|安排))|报告了(?![^。：]{0,12}(?:建议|安排|部署|任务))|主要工作[：:]|议题[：:]|设置了|"
                       r"发言[，,]?[^。]{0,6}?(?:聚焦|围绕|涉及)|"
                       # …形势呈现出“三个大幅下降、一个明显提升”的特点：一是… · 代表提出的议案有3个特点：一是… : features described
                       r"(?:呈现出?|有)[^。；]{0,30}?(?:的|个)特点[：:，,]?\s*$|"
                       # 总的看，脱贫攻坚成效是明显的：一是脱贫摘帽有序推进… : what was achieved
                       r"(?:成效|成绩|成就)(?:是)?(?:明显|显著|巨大|突出)的?[：:]\s*$")
# 议案内容主要集中在以下几方面：一是… : what the deputies' bills are about (not 意见建议要集中在以下几个方面, an order)
BILLS_ABOUT = re.compile(r"(?:议案|提案|建议|意见|内容)[^，。：]{0,8}集中在")
# （一）主席王沪宁 （二）副主席（23名） : a list of posts and the people who hold them, not of tasks
POSTS = re.compile(r"(?:主席|副主席|秘书长|副秘书长|常务委员|委员|主任委员|副主任委员|主任|副主任)(?:[（(]|[\u4e00-\u9fff·]{2,8}(?:[（(]|$))")
# What an item goes on to tell when it reports what was done: the day it was done (7月15日降准…), the
# sums so far (累计, 截至, 同比).
DONE = re.compile(r"累计|截至|同比")
# An order in a lead-in: 要 (not 主要, 摘要, 需要, 重要…, nor 要素, 要点, 要看到…) or 必须
_ORDER = r"(?:(?<![主摘纲概需重只提])要(?!素|点|害|闻|件|看到|认识到|充分)|必须)"
# A verb with the perfective 了 (传递了, 展现了, 成为了), not 为了, 除了, 了解 or a potential complement (办不了)
DONE_VERB = re.compile(r"(?<!除)(?<!不)(?<!得)(?:(?<!为)|(?<=成为))了(?!解)")
# How the central bank's monetary policy reports open (I内容摘要今年以来…)
SINCE_OPENING = re.compile(r"\s*(?:[IⅠ1一][、.．]?\s*)?内容摘要")


# 一、宪法序言第七自然段中“…”修改为“…” · 将第三条修改为：“…” · 宪法第二十七条增加一款 : an amendment's items rewrite a
# text (a constitution, a regulation), they set no task (the blind labels of the 2018 constitutional proposal and of a
# State Council decree amending regulations list none)
# (a legal text's place first, or a document's title: not 一是将…上限修改为300万元, a decision that changes a figure)
AMENDS = re.compile(r"(?:第[一二三四五六七八九十百零\d]+(?:条|款|项|节|章|自然段)|宪法|序言|》)[^。；]{0,80}?(?:修改为|改为|增[加写]一?(?:款|项|条|节|章)|删去|删除)")


def _heads(body: str, lst: list[_Item]) -> list[str]:
    """Each item's opening words, up to its first 。 or ； (at most 80 characters)."""
    return [body[it.head_start : it.head_start + 80].split("。")[0].split("；")[0] for it in lst]


def _amends(body: str, lst: list[_Item]) -> bool:
    """Most of the list's items amend a text (宪法…第七自然段中“…”修改为“…”)."""
    heads = _heads(body, lst)
    return sum(bool(AMENDS.search(h)) for h in heads) * 2 > len(heads)


def _is_review(body: str, lst: list[_Item]) -> bool:
    """The list's lead-in (its paragraph up to the first item, at most 150 characters) says it
    reviews or describes rather than instructs; or its items are topics (…情况) not tasks."""
    heads = _heads(body, lst)
    para_start = body.rfind("\n", 0, lst[0].start) + 1
    # 检查要把握好四个重点：一是…落实情况 : topics someone is told to take up are tasks, not a review
    ordered = re.search(rf"{_ORDER}[^，；：。]*[：:]\s*$", body[max(para_start, lst[0].start - 40) : lst[0].start])
    if (not ordered and sum(h.endswith("情况") for h in heads) * 2 > len(heads)) or sum(bool(POSTS.match(h)) for h in heads) * 2 > len(heads):
        return True
    # 二、中央政治局常务委员会委员习近平李克强… 三、中央委员会总书记习近平 : who was elected to which post, a roster
    if sum(len({n for _, n in leader_mentions(h)}) >= 2 for h in heads) * 2 > len(heads):
        return True
    # 一是突出报道…重要活动。二是传递了信心和力量。三是展现了…民主实践 : what was done (…了), not what to do
    # (not 看是否真正开展了批评和自我批评, a test of whether it was done)
    # (not items numbered as orders, 一要压实防汛责任，今年…已经出现了多轮强降雨；二要…, nor ones that order)
    if lst[0].family != "yao" and sum(bool(DONE_VERB.search(h)) and not re.search(r"是否|有没有", h)
                                      and not re.match(r"(?:要|必须)", h) for h in heads) * 2 > len(heads):
        return True
    # 一是有中国共产党的坚强领导…二是有…制度的显著优势 : what there is (strengths, conditions), not what to do
    if lst[0].family == "shi" and sum(h.startswith("有") and not re.match(r"有(?:序|效|力|关)", h) for h in heads) * 2 > len(heads):
        return True
    # 要深刻认识…的重大意义。第一，这是…的必然要求。第二，这是… : why something matters, not what to do; 具体包括：一是不符合
    # 现行法律法规…的；二是不适应发展需要…的 : kinds of thing (of documents to repeal), not tasks
    if sum(h.startswith("这是") for h in heads) * 2 > len(heads) or sum(h.endswith("的") for h in heads) * 2 > len(heads):
        return True
    # （1）关于社会主义革命 （2）关于社会主义建设 : the subjects a report goes through, not tasks
    # (not 一是关于国务院组成部门调整，组建自然资源部…, a subject followed by its tasks: blind label d208)
    if sum(h.startswith("关于") and "，" not in h.split("\n")[0] for h in heads) * 2 > len(heads):
        return True
    window = body[max(para_start, lst[0].start - 40) : lst[0].start]
    if DESCRIBES.search(window) or (BILLS_ABOUT.search(window) and not re.search(_ORDER, window)):
        return True
    # 一是保持流动性合理充裕。7月15日降准0.5个百分点… : items that go on to report what was done
    if len(lst) >= 2 and sum(bool(DONE.search(body, it.head_start, it.end)) for it in lst) * 2 > len(lst):
        return True
    lead = body[max(para_start, lst[0].start - 150) : lst[0].start]
    # Only the lead's last sentence and the one before it
    parts = re.split(r"(?<=。)", lead)
    lead = "".join(parts[-2:])
    # 下一步，要坚持深化改革，一要… · “十三五”期间，要着力营造“三个环境”：一是… : what is to be done next, after a
    # review of what was done (not 要看到，一是…, what one must see)
    if re.search(rf"(?:下一步|今后|接下来)[^。]*$|(?:^|[，；：]){_ORDER}[^，；：。]*$", lead.rstrip("：:，, ")):
        return False
    # 今年以来，…6月就业形势好转，但稳就业任务依然繁重，要坚持就业优先，以发展促就业。一是… : the list's own sentence
    # turns from the review to an order, and nothing after the order reviews again (要求 reports a requirement made:
    # …印发方案，要求各地…，全省各地迅速行动。一是… is what was done)
    last = next((p for p in reversed(parts) if p.strip()), "")
    order = None
    for order in re.finditer(rf"(?:^|[，；：])(?!要求){_ORDER}", last):
        pass
    if order is not None and not REVIEW_LEAD.search(last, order.end()):
        return False
    # 会议决定，于12月下旬召开省委全会。会议认为，一年来…主要是：一是… : what the meeting thought, in the list's own sentence
    if re.search(r"认为", parts[-1]) and not re.search(rf"要求|强调|部署|建议|提出|指出|确定|决定|明确|{_ORDER}", parts[-1]):
        return True
    # (会议决定，将…向更大范围推广。…复制推广以下经验做法：一是… : what the meeting decided, a sentence or two on)
    # …报告指出，五年来，…社会救助工作取得历史性成就。一是… : after what someone said, the sentence before the list says
    # what was achieved, and the list what it was (not 一要…, numbered as orders, nor items that order, 一是要…; nor proposals
    # or lessons after it: …取得的成绩，就…提出3点建议。一是… · 取得了明显成效、积累了宝贵经验。一是必须坚持…)
    if re.search(r"要求|强调|部署|建议|提出|指出|确定|决定|明确", lead[-40:]) or _decided(body, para_start, lst[0].start):
        if re.search(r"回顾|开展了以下|主要做了", lead[-40:]):
            return True
        before = next((p for p in reversed(parts) if p.strip()), "")
        return (lst[0].family != "yao" and before.endswith("。") and bool(ACHIEVED.search(before))
                and not re.search(rf"建议|提出|经验|{_ORDER}", before)
                # (…取得了明显成效。一是要压实防汛责任；二是要… : items that order are orders)
                and sum(bool(re.match(_ORDER, h)) for h in heads) * 2 <= len(heads))
    # 会议认为，…具有重要意义。为此，一要… : items that each say what must be done (一要, 二要) after what
    # the meeting thought are its instructions, not a review
    if lst[0].family == "yao" and re.search(r"为此[，,]?\s*$|认为", lead):
        return bool(re.search(r"回顾|开展了以下|主要做了|取得|成效|成绩|以来", lead))
    # 一要…二要… : items numbered as orders are orders, whatever the sentence before the list's own reviewed
    # (…外贸运行总体平稳。面对新形势新挑战，在落实好稳外贸已定政策同时，一要…)
    # (…积累了…宝贵经验，…概括起来有以下方面。一是必须…十二是必须… : items that each order, after a lead that reviews, are
    # the lessons drawn as orders)
    if sum(bool(re.match(_ORDER, h)) for h in heads) * 2 > len(heads):
        return False
    return bool(REVIEW_LEAD.search(parts[-1] if lst[0].family == "yao" else lead))


def _decided(body: str, para_start: int, start: int) -> bool:
    """The list's sentence, or the one before it in its paragraph, opens with what the meeting decided."""
    one = body.rfind("。", para_start, start)
    two = body.rfind("。", para_start, one) if one >= 0 else -1
    # (-1: the paragraph's first sentence)
    # (not where the list's own sentence reviews: 会议决定，于12月下旬召开省委全会。会议认为，一年来…主要是：一是…)
    if re.search(r"认为|回顾|取得|成效|成绩|以来|表明|显示|特点", body[max(para_start, one + 1) : start]):
        return False
    # (为进一步降低企业制度性交易成本，会议决定，将…推广到… : a clause of purpose may come first)
    return any(re.match(r"(?:[^。；]{0,40}[，,])?(?:会议|全会)(?:决定|确定)[，,]", body[max(para_start, b + 1) :]) for b in {one, two})


def _headline(body: str, it: _Item) -> tuple[str, int]:
    m = HEADLINE_END.search(body, it.head_start, max(it.end, it.head_start))
    stop = m.start() if m else it.end
    # 一是实施提振消费专项行动，二是… : an item that runs into the next one ends before the comma between them
    head = body[it.head_start : stop].strip()
    if not m:
        head = head.rstrip("，,、 ")
    return head, stop


# A released document speaks for itself: 中共中央印发《关于…的通知》 → 通知
DOCUMENT_KIND = re.compile(r"《[^》]*?(通知|意见|决定|规划|方案|纲要|条例|办法|决议|规定|公报|要点)》")


# A document that is itself the text (2009年…国务院政府工作报告, 中共中央关于…的决定摘要, a congress report titled
# …（十九大）) speaks for itself, as a released one does
TITLE_DOCUMENT = re.compile(r"(政府工作报告|工作报告)(?:摘要)?$|关于[^，。]{2,80}?的(?:若干)?(决定|建议|规划|纲要|意见|通知|条例)(?:摘要)?$"
                            r"|（(?P<congress>[一二三四五六七八九十]{1,3}大)）$")


def default_speaker(meeting: Meeting | None, title: str | None = None, body: str | None = None) -> str | None:
    """Whose words a list is when no one is named before it: the chair, the meeting, or the document; in
    a report of no meeting that is no document, no one (None)."""
    if meeting and meeting.chair:
        return meeting.chair
    # (a lecture, 形势政策系列报告会, speaks through its lecturer, not as a meeting: no one when he is not named)
    if meeting and meeting.is_meeting and not (meeting.series or "").endswith("报告会"):
        return "会议"
    # The central bank's monetary policy report (内容摘要今年以来…) speaks as the bank: its 一是…五是 of what
    # it did and does are its own, as twelve of seventeen blind labellers read them
    if body and SINCE_OPENING.match(body) and "人民银行" in body[:3000]:
        return "中国人民银行"
    if title:
        if m := DOCUMENT_KIND.search(title):
            return m.group(1)
        if m := TITLE_DOCUMENT.search(title.strip()):
            return "报告" if m.group("congress") else (m.group(1) or m.group(2))
    return None


def enumerated_directives(body: str, meeting: Meeting | None = None, title: str | None = None, turns: "_Turns | None" = None) -> list[Directive]:
    turns = _Turns(body, meeting) if turns is None else turns
    lists = _lists(body)
    for lst in lists:
        _item_ends(body, lst)
    # A list that amends a text is none (its items rewrite a constitution or a regulation; they set no task), nor is
    # a list inside an amendment's item, the amended text's (将第十五条修改为：“…（一）违反政治纪律…”)
    amended = [(it.start, it.end) for lst in lists if _amends(body, lst) for it in lst]
    lists = [lst for lst in lists if not any(s <= lst[0].start < e for s, e in amended) and not _is_review(body, lst)]
    # Outside a meeting, a list no one is named as saying (a foreign story's reasons, a briefing's goals) is
    # no one's directives: 会议 speaks only for a meeting (ANNOTATION.md §2).
    default = default_speaker(meeting, title, body)
    if default is None:
        lists = [lst for lst in lists if _speaker_at(turns.get(), lst[0].start)]
    # Nesting: a list inside the span of another list's item is that item's children.
    spans = [(it, lst) for lst in lists for it in lst]
    out: list[tuple[_Item, _Item | None]] = []
    # One numbered list is one speaker's: a leader named inside an item (习近平主席提出的全球安全倡议，系统阐述了…)
    # does not take the floor for the items after it
    first_of = {}
    for lst in lists:
        for it in lst:
            first_of[id(it)] = lst[0]
        parent = None
        for it, other in spans:
            if other is lst:
                continue
            if it.start < lst[0].start and lst[-1].start < it.end and it.family != lst[0].family:
                if parent is None or it.start > parent.start:
                    parent = it
        for it in lst:
            out.append((it, parent))
    out.sort(key=lambda x: x[0].start)
    seq_of = {id(it): i for i, (it, _) in enumerate(out)}
    directives = []
    for it, parent in out:
        headline, _ = _headline(body, it)
        # The headline's own words decide; a 一要 item with none of them is an ordinary 要.
        label, rank = strength_of(headline)
        if label is None:  # a task stated plainly (建设教育专网…) is an ordinary directive
            label, rank = "ordinary", 3
        directives.append(
            Directive(
                seq=seq_of[id(it)],
                speaker=_speaker_at(turns.get(), first_of[id(it)].start) or default,
                kind="enumerated",
                ordinal=it.ordinal,
                parent_seq=seq_of[id(parent)] if parent is not None else None,
                marker=body[it.start : it.head_start].strip("，,、：: "),
                headline=headline,
                text=body[it.start : it.end].rstrip(),
                strength=label,
                strength_rank=rank,
                char_start=it.start,
                char_end=it.start + len(body[it.start : it.end].rstrip()),
            )
        )
    return directives


def imperative_directives(
    body: str, meeting: Meeting | None, enumerated: list[Directive], title: str | None = None, turns: "_Turns | None" = None
) -> list[Directive]:
    """Sentences led by 要, 必须, 坚持, 确保… that are not the headline sentence of a numbered item;
    inside a numbered item they get it as parent (the 要紧盯关键人… sub-list under 三要抓住几个关键)."""
    turns = _Turns(body, meeting) if turns is None else turns
    default = default_speaker(meeting, title, body)
    heads = {(d.char_start, d.char_start + len(d.marker or "")) for d in enumerated}
    starts = {d.char_start for d in enumerated}
    out = []
    for m in SENTENCE.finditer(body):
        s, e = m.start(), m.end()
        sentence = body[s:e]
        stripped = sentence.lstrip()
        s += len(sentence) - len(stripped)
        if not stripped:
            continue
        # 会议指出，要按照… · 她强调，要扛牢责任 : the words after the speech head
        hm = SPEECH_HEAD.match(stripped)
        offset = hm.end() if hm else 0
        rest = stripped[offset:]
        im = IMPERATIVE_LEAD.match(rest)
        # 会议强调，今年是…收官之年，做好政府工作，要在…领导下… : after what the meeting stressed, an order
        # may come after a clause or two that set it up
        if not im and hm and stripped[hm.end() - 1] in "，,：:" and ORDER_HEAD.match(stripped):
            am = AFTER_CLAUSES.match(rest)
            # 治理黄河，重在保护，要在治理 : 要在 as "lies in", a maxim, not an order
            if am and not re.match(r"要在[^，。；]{1,6}(?:[。；！]|$)", rest[am.start("lead"):]):
                im = am
        if not im or len(rest) < 6:
            continue
        # A numbered item's own sentence is already a directive (一些委员建议，一是要…).
        if any(a <= s + offset < a + 8 for a in starts) or any(a <= s + offset <= b for a, b in heads):
            continue
        # 大力改进公共服务，是简政放权改革的重要内容 : a statement about a task, not an order
        if STATEMENT.search(re.split(r"[。；]", rest, maxsplit=1)[0]):
            continue
        start = s + offset
        end = s + len(stripped)
        parent = None
        for d in enumerated:
            if d.char_start < start < d.char_end:
                if parent is None or d.char_start > parent.char_start:
                    parent = d
        text = body[start:end].rstrip()
        label, rank = strength_of(text)
        out.append(
            Directive(
                seq=0,
                speaker=_speaker_at(turns.get(), start) or default,
                kind="imperative",
                ordinal=None,
                parent_seq=parent.seq if parent else None,
                marker=None,
                headline=HEADLINE_END.split(text, 1)[0].rstrip("。；;！？"),
                text=text,
                strength=label,
                strength_rank=rank,
                char_start=start,
                char_end=start + len(text),
            )
        )
    return out


def extract_directives(body: str, meeting: Meeting | None = None, title: str | None = None) -> list[Directive]:
    """Every directive of a report in document order, enumerated and imperative, with seq renumbered."""
    turns = _Turns(body, meeting)
    enumerated = enumerated_directives(body, meeting, title, turns)
    imperative = imperative_directives(body, meeting, enumerated, title, turns)
    allds = sorted(enumerated + imperative, key=lambda d: (d.char_start, d.kind))
    old_to_new = {}
    for i, d in enumerate(allds):
        if d.kind == "enumerated":
            old_to_new[d.seq] = i
    for i, d in enumerate(allds):
        d.seq = i
    for d in allds:
        if d.parent_seq is not None:
            d.parent_seq = old_to_new.get(d.parent_seq, d.parent_seq)
    return allds
