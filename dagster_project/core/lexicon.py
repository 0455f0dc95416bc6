"""The project lexicon (dagster_project/lexicon/): plain files a user can edit, loaded once."""

from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon"


def _lines(name: str) -> list[str]:
    out = []
    for raw in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("!") else raw.strip()
        if line.strip():
            out.append(line)
    return out


@dataclass(frozen=True)
class Formulas:
    canonical_of: dict[str, str]  # every surface form -> its canonical form
    not_formulations: frozenset[str]  # quoted words that are scare quotes


@lru_cache(maxsize=1)
def formulas() -> Formulas:
    canon: dict[str, str] = {}
    scare: set[str] = set()
    for line in _lines("formulas.txt"):
        if line.startswith("!"):
            scare.add(line[1:].strip())
            continue
        head, _, variants = line.partition("\t")
        head = head.strip()
        canon[head] = head
        for v in variants.split("|"):
            if v.strip():
                canon[v.strip()] = head
    # not_formulations.txt: one quoted word a line that names no slogan (made from the corpus's quotes)
    scare.update(line.strip() for line in _lines("not_formulations.txt"))
    return Formulas(canon, frozenset(scare - canon.keys()))


@lru_cache(maxsize=1)
def strength_scale() -> list[tuple[int, str, tuple[str, ...]]]:
    """(rank, label, words), strongest first."""
    rows = []
    for line in _lines("strength.txt"):
        rank, label, words = line.split("\t")
        rows.append((int(rank), label, tuple(words.split())))
    return sorted(rows, reverse=True)


@lru_cache(maxsize=1)
def leaders() -> frozenset[str]:
    return frozenset(w for line in _lines("leaders.txt") for w in line.split())


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(w for line in _lines("surnames.txt") for w in line.split())


@lru_cache(maxsize=1)
def _leader_automaton():
    import ahocorasick

    a = ahocorasick.Automaton()
    for name in sorted(leaders()):
        a.add_word(name, name)
    a.make_automaton()
    return a


def leader_mentions(text: str) -> list[tuple[int, str]]:
    """(start, name) of every mention of a leader of leaders.txt in text, overlapping ones included,
    in order of position then name: one pass, whatever the number of names."""
    if not text:
        return []
    return sorted((end - len(name) + 1, name) for end, name in _leader_automaton().iter(text))


@lru_cache(maxsize=1)
def places() -> tuple[dict[str, str], dict[str, str]]:
    """(form -> province short name, city -> province short name)."""
    provinces: dict[str, str] = {}
    cities: dict[str, str] = {}
    section = None
    for line in _lines("places.txt"):
        if line.startswith("["):
            section = line.strip("[]")
            continue
        if section == "provinces":
            short, *forms = line.split()
            for f in [short, *forms]:
                provinces[f] = short
        elif section == "cities":
            city, prov = line.split("\t")
            cities[city.strip()] = prov.strip()
    return provinces, cities


@dataclass(frozen=True)
class Division:
    """A prefecture- or county-level division: 舞钢市 is county-level, in 平顶山, in 河南."""
    short: str  # 舞钢 · 迪庆 (迪庆藏族自治州) · 秀山 (秀山土家族苗族自治县)
    province: str | None  # the province's short name
    city: str | None  # a county-level division's prefecture (short name); None for a prefecture, or a county the province governs itself
    county_level: bool


# What a division's full name ends with, longest first: 迪庆藏族自治州 → 迪庆, 舞钢市 → 舞钢
_DIVISION_SUFFIXES = ("自治州", "自治县", "自治旗", "地区", "林区", "特区", "盟", "市", "县", "区", "旗")


@lru_cache(maxsize=1)
def _nations() -> tuple[str, ...]:
    path = _cpca_file("56_nations.csv")
    names = [n.strip() for n in path.read_text(encoding="utf-8").splitlines() if n.strip()]
    # (a nation is named with or without 族 in a division's name: 伊犁哈萨克自治州, 巴音郭楞蒙古自治州)
    return tuple(sorted({x for n in names for x in (n, n.removesuffix("族"))}, key=len, reverse=True))


def _cpca_file(name: str) -> Path:
    from importlib.metadata import distribution

    return Path(str(distribution("cpca").locate_file(f"cpca/resources/{name}")))


def _short_division(full: str) -> str | None:
    """迪庆藏族自治州 → 迪庆 · 秀山土家族苗族自治县 → 秀山 · 舞钢市 → 舞钢; None when too short to name it alone (城区, 和县)."""
    base = next((full[: -len(s)] for s in _DIVISION_SUFFIXES if full.endswith(s)), full)
    stripped = True
    while stripped:
        stripped = False
        for n in _nations():
            if base.endswith(n) and len(base) - len(n) >= 2:
                base, stripped = base[: -len(n)], True
                break
    return base if len(base) >= 2 else None  # (户县, 和县: named whole)


@lru_cache(maxsize=1)
def _adcodes() -> dict[str, str]:
    """cpca's table of division codes: twelve-digit code → name."""
    import csv

    with _cpca_file("adcodes.csv").open(encoding="utf-8", newline="") as f:
        return {r["adcode"]: r["name"] for r in csv.DictReader(f)}


@lru_cache(maxsize=1)
def _division_table() -> tuple[tuple[str, str, Division], ...]:
    """(six-digit code, full name, division) of every prefecture- and county-level division in the table of China's
    administrative division codes that cpca ships (the statistics bureau's, of about 2016: it has 莱芜市, lacks 那曲市
    and Shenzhen's 龙华区)."""
    provinces = places()[0]
    rows = _adcodes()
    prefectures = {code[:4]: name for code, name in rows.items() if code[4:] == "0" * 8 and code[2:4] != "00"}
    out = []
    for code, name in rows.items():
        if code[2:4] == "00" or code[6:] != "0" * 6:
            continue  # a province, or below a county
        province = provinces.get(rows.get(code[:2] + "0" * 10, ""))
        county_level = code[4:6] != "00"
        if county_level and name == "市辖区":
            continue  # (a prefecture's districts together, no place of their own)
        if county_level and code[2:4] == "90":
            city = None  # governed by the province itself: 济源市, 仙桃市
        elif county_level:
            parent = prefectures.get(code[:4], "")
            # (a municipality's districts and counties are listed under 市辖区 or 县: their city is the municipality)
            city = province if parent in ("市辖区", "县") else _short_division(parent) or parent
        else:
            if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            city = None
        out.append((code[:6], name, Division(_short_division(name) or name, province, city, county_level)))
    return tuple(out)


@lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    """Every prefecture- and county-level division by its full name (舞钢市, 阜城县, 迪庆藏族自治州) and, for an
    autonomous one, its short name with its kind (秀山自治县, 迪庆州). A name two divisions share (鼓楼区, 朝阳区) is
    left out: it names no one place."""
    found: dict[str, list[Division]] = {}
    for _, name, d in _division_table():
        forms = {name}
        if "自治" in name:
            kind = next(s for s in _DIVISION_SUFFIXES if name.endswith(s))
            forms |= {d.short + kind, d.short + kind[-1]}  # 秀山自治县 · 秀山县 · 迪庆州
        for form in forms:
            found.setdefault(form, []).append(d)
    return {form: ds[0] for form, ds in found.items() if len({(x.short, x.province, x.city) for x in ds}) == 1}


@lru_cache(maxsize=1)
def division_codes() -> dict[str, tuple[str, Division | None]]:
    """A province (its short name, no division) or a prefecture- or county-level division (its full name and the
    division) by its six-digit code: 130400 邯郸市, 110107 石景山区, 410000 河南. A government site's identity code
    (网站标识码, SiteIDCode: 1304000009) opens with the code of the government whose site it is."""
    provinces = places()[0]
    found: dict[str, tuple[str, Division | None]] = {
        code[:6]: (provinces[name], None) for code, name in _adcodes().items() if code[2:] == "0" * 10 and name in provinces}
    for code, name, d in _division_table():
        found[code] = (name, d)
    return found


def _by_short(keep) -> dict[str, tuple[str, Division]]:
    """The divisions `keep` accepts, by short name where only one of them has it, each with the shortest form it is
    named by (秀山县 before 秀山自治县 and 秀山土家族苗族自治县)."""
    found: dict[str, dict[Division, str]] = {}
    for form, d in divisions().items():
        if keep(d):
            forms = found.setdefault(d.short, {})
            if d not in forms or len(form) < len(forms[d]):
                forms[d] = form
    return {short: (form, d) for short, forms in found.items() if len(forms) == 1 for d, form in forms.items()}


@lru_cache(maxsize=1)
def divisions_by_short() -> dict[str, tuple[str, Division]]:
    """A division by its short name alone (嘉兴, 宝坻, 城口), with the form it is named by (嘉兴市, 宝坻区, 城口县), where only
    one division has that short name."""
    return _by_short(lambda d: True)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Provinces by every form, prefecture-level cities by their short names (places.txt), and divisions by their full
    names; a county's short name alone is no place's name (公安: 公安局, 中原: 中原银行)."""
    provinces, cities = places()
    return frozenset((*provinces, *cities, *divisions()))


def names_a_place(text: str) -> bool:
    """Whether text names a province, a city or a county-level division (焦作市人民政府, 嘉兴日报, 阜城县委), not only an office
    or a site (市委办公室, 本站, 融媒体中心)."""
    names = _place_names()
    return any(text[i : i + n] in names for n in range(2, 10) for i in range(len(text) - n + 1))


MUNICIPALITIES = ("北京", "上海", "天津", "重庆")


@lru_cache(maxsize=1)
def municipal_district_shorts() -> frozenset[str]:
    """Short names of the districts and counties of Beijing, Shanghai, Tianjin and Chongqing (朝阳, 和平, 江北), names shared
    with other places included."""
    return frozenset(d.short for _, _, d in _division_table() if d.county_level and d.province in MUNICIPALITIES)


@lru_cache(maxsize=1)
def prefectures_by_short() -> dict[str, tuple[str, Division]]:
    """A prefecture by its short name where it shares it with county-level divisions only (本溪: 本溪市 and 本溪满族自治县;
    朝阳: 朝阳市, 朝阳县 and two 朝阳区), with the form it is named by: a place's paper named by its bare short name
    (本溪日报, 朝阳日报) is the prefecture's."""
    return _by_short(lambda d: not d.county_level)


# The letters a province's sites put before a place's in their addresses (ahfeixi.gov.cn: 安徽 肥西; scnj.gov.cn: 四川
# 南江; gssn.gov.cn: 甘肃 肃南): the usual two- or three-letter abbreviations, beside the province's whole pinyin
_PROVINCE_LETTERS = {
    "北京": ("bj",), "天津": ("tj",), "河北": ("heb", "hb"), "山西": ("sx",), "内蒙古": ("nmg", "nm"), "辽宁": ("ln",), "吉林": ("jl",),
    "黑龙江": ("hlj",), "上海": ("sh",), "江苏": ("js",), "浙江": ("zj",), "安徽": ("ah",), "福建": ("fj",), "江西": ("jx",),
    "山东": ("sd",), "河南": ("hn", "ha"), "湖北": ("hb", "hub"), "湖南": ("hn", "hun"), "广东": ("gd",), "广西": ("gx",),
    "海南": ("hi", "hn"), "重庆": ("cq",), "四川": ("sc",), "贵州": ("gz",), "云南": ("yn",), "西藏": ("xz",), "陕西": ("sn", "sx", "shx"),
    "甘肃": ("gs",), "青海": ("qh",), "宁夏": ("nx",), "新疆": ("xj",),
}
# (陕西 is spelled shaanxi, to tell it from 山西, shanxi: www.shaanxi.gov.cn, www.shanxi.gov.cn)
_PROVINCE_SPELLING = {"陕西": "shaanxi"}
# Parts of an address that name nothing: the domains and a site's generic hosts
_GENERIC_LABELS = frozenset({"www", "gov", "cn", "com", "org", "net", "info", "m", "wap", "web", "old", "new", "en", "mobile", "app",
                             "h5", "news"})
# Sites of no one place, any of whose hosts names none (gongyi.people.com.cn is the people's charity channel, not 巩义's):
# portals, platforms and national media, some of whose names spell a county's (weixin: 威信县, xinhuanet: 新化县, xinmin:
# 新民市), and the ICP filing site footers link to (beian.miit: 北安市)
_PLACELESS_SITES = frozenset({
    "weixin", "qq", "sina", "sohu", "163", "ifeng", "baidu", "toutiao", "douyin", "weibo", "bilibili", "zhihu", "baijiahao",
    "people", "xinhua", "xinhuanet", "cctv", "cntv", "china", "chinanews", "chinadaily", "gmw", "cnr", "cri", "youth", "ce",
    "thepaper", "qstheory", "12371", "wenming", "xuexi", "workercn", "rmzxb", "chinacourt", "xinmin", "jfdaily", "eastday",
    "dongfang", "jiefang", "changjiang", "tianshan", "beian", "miit"})
# Words a host says before it names a place, a department's or a channel's, some spelling a county's (gongan.henan.gov.cn:
# the province's police, not 公安县; dongtai: 动态, not 东台市)
_COMMON_WORDS = frozenset({
    "gongan", "gongyi", "dongtai", "ziyuan", "haiyang", "zhongyang", "jingyan", "weishi", "yiyuan", "xinwen", "zhengwu",
    "dangjian", "jiaoyu", "wenhua", "tiyu", "keji", "nongye", "jiaotong", "huanbao", "jijian", "minzheng", "caizheng",
    "shuiwu", "shuili", "lvyou", "jiankang", "weijian", "fagai", "shangwu", "sifa", "tongji", "yingji", "renda", "zhengxie",
    "zhongshan", "nanhai", "donghai", "zhongyuan"})
_SKIPPED_LABELS = _GENERIC_LABELS | _COMMON_WORDS
# Bodies a province's sites name by two letters after its own (jsrd: 江苏人大, hebzx: 河北政协, scdx: 四川党校): no county's
# initials there (如东, 赵县, 东兴)
_ORGAN_LETTERS = frozenset({"rd", "zx", "dx", "dj", "jw", "fy", "jc", "gh", "kx", "jy", "zf", "jg", "wm", "xc", "zz", "tw", "fl",
                            "mz", "ga", "sf"})
# What a site adds to its place's name: 新闻 (news, xww), 日报 (rb, daily, bao), 融媒 (rmt, tv), 人大 (rd), 政协 (zx), 党建 (dj)
_LABEL_ENDINGS = ("news", "xww", "daily", "bao", "rmt", "tv", "rb", "rd", "zx", "dj", "wang", "net")


# How a place's name reads characters that read otherwise in words (长治: changzhi, not zhangzhi; 朝阳: chaoyang; 花都,
# 六合, 洪洞, 单县, 涡阳, 浚县, 筠连, 大埔)
_PLACE_READINGS = {"长": "chang", "都": "du", "朝": "chao", "六": "lu", "洞": "tong", "单": "shan", "涡": "guo", "浚": "xun", "筠": "jun",
                   "埔": "pu"}


def _spelling(name: str) -> str:
    """How a name is spelled in pinyin: as pypinyin reads it, its characters read as place names read them."""
    from pypinyin import lazy_pinyin

    return "".join(_PLACE_READINGS.get(c, r) for c, r in zip(name, lazy_pinyin(name)))


@lru_cache(maxsize=1)
def _address_spellings() -> tuple[dict[str, frozenset], dict[str, str]]:
    """(spelling in an address → the (full name, division) it may be, province's pinyin → province short name). A
    division is spelled by its short name's pinyin (puyang: 濮阳), and after its province's letters by that pinyin or its
    initials (ahfeixi, scnj). Tones and polyphones aside, two places may share a spelling (tongcheng: 通城, 桐城)."""
    from pypinyin import lazy_pinyin

    found: dict[str, set] = {}
    provinces = {_PROVINCE_SPELLING.get(p) or "".join(lazy_pinyin(p)): p for p in _PROVINCE_LETTERS}
    for _, name, d in _division_table():
        province = d.province or ""
        letters = (*_PROVINCE_LETTERS.get(province, ()), _PROVINCE_SPELLING.get(province) or "".join(lazy_pinyin(province)))
        whole = _spelling(d.short)
        for spelled in (whole, *(ahead + whole for ahead in letters)):
            found.setdefault(spelled, set()).add((name, d))
        initials = "".join(s[0] for s in lazy_pinyin(d.short))
        if initials not in _ORGAN_LETTERS:
            for ahead in letters:
                found.setdefault(ahead + initials, set()).add((name, d))
    return {k: frozenset(v) for k, v in found.items() if len(k) >= 4}, provinces


def _one_place(candidates) -> tuple[str, Division] | None:
    """The one division among candidates, or a prefecture whose own counties share its spelling (puyang: 濮阳市, not
    濮阳县, which is in it; shaoyang: 邵阳市 and 邵阳县)."""
    if len(candidates) == 1:
        return next(iter(candidates))
    prefectures = [c for c in candidates if not c[1].county_level]
    if len(prefectures) == 1 and all(c[1].city == prefectures[0][1].short for c in candidates if c[1].county_level):
        return prefectures[0]
    return None


def division_of_address(url: str | None) -> tuple[str, Division | None] | None:
    """The division whose site a web address is on, by its host's name, or None: (full name, division), or (province
    short name, None) for a province's own site. pycsgl.puyang.gov.cn → 濮阳市 · dingan.hainan.gov.cn → 定安县 ·
    www.ahfeixi.gov.cn → 肥西县 · fanchengnews.com → 樊城区 · hainan.gov.cn → 海南. A spelling two places share
    names neither; a bare pair of initials (bx.gov.cn) is too short to name one; a portal's, a national medium's or a
    university's host names none."""
    m = re.match(r"(?:[a-z][a-z0-9+.-]*://)?([^/?#:@]+\.[^/?#:@]+)", (url or "").strip().lower())
    if not m or re.fullmatch(r"[\d.]+", m.group(1)):
        return None
    hosts = m.group(1).split(".")
    if "edu" in hosts or _PLACELESS_SITES.intersection(hosts):
        return None
    # (the spellings are four letters and more; a host of none, tv.cctv.com or www.gov.cn, needs no table)
    labels = [x for x in (x.rstrip("0123456789") for x in hosts) if len(x) >= 4 and x not in _SKIPPED_LABELS]  # (wuan888)
    if not labels:
        return None
    spellings, provinces = _address_spellings()
    province = next((provinces[x] for x in labels if x in provinces), None)
    places = set()
    for label in labels:
        forms = [label] + [label[: -len(e)] for e in _LABEL_ENDINGS if label.endswith(e)] + ([label[2:]] if label.startswith("zg") else [])
        for form in forms:
            if form in _GENERIC_LABELS or form in provinces:
                continue
            # (a place in another province than the host names is no place of its: scjg.henan.gov.cn is no 剑阁's)
            candidates = frozenset(c for c in spellings.get(form, ()) if province is None or c[1].province == province)
            if (one := _one_place(candidates)) is not None:
                places.add(one)
                break
    if len(places) == 1:
        return next(iter(places))
    if places:  # (a county's host under its prefecture's: lldj.linli.changde… names the county)
        counties = [p for p in places if p[1].county_level]
        return counties[0] if len(counties) == 1 and all(p in counties or p[1].short == counties[0][1].city for p in places) else None
    return (province, None) if province else None
