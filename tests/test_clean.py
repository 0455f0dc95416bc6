"""Cleaning on real text: punctuation, scrape repairs, broadcast furniture, traditional characters."""

from dagster_project.core.clean import normalise, repair_artefacts, simplify, strip_furniture, unwrap_lines

import csv

from .conftest import RAW_FIXTURES, SEED, xwlb_items


def seed_body() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text[text.index("12月11日上午") : text.index("(责任编辑")]


def test_ascii_punctuation_inside_chinese_becomes_full_width_and_digits_half_width():
    out = normalise(seed_body())
    assert out.startswith("12月11日上午，收听收看")
    assert "各县（市、区）" in out and "(市" not in out
    assert "AB岗" in out  # Latin letters stay
    assert normalise("第１２次会议，ＡＢ岗") == "第12次会议，AB岗"
    assert normalise("增长6.5%, 比上年") == "增长6.5%，比上年"


def test_lost_xi_restored_only_where_certain_and_recorded():
    fixed, repairs = repair_artefacts(normalise(seed_body()))
    assert "严格落实习近平总书记关于疫情防控" in fixed
    assert "良好生活习惯、卫生习惯" in fixed
    assert "近平" not in fixed.replace("习近平", "")
    assert len(repairs) == 1 and "×3" in repairs[0]
    # A text that still holds 习 was not filtered: nothing is touched, even a stray 近平.
    untouched = "以习近平同志为核心的党中央。我们要学\n近平总书记讲话"
    assert repair_artefacts(untouched) == (untouched, [])


def test_broadcast_prefix_and_editor_trailer_removed_from_a_real_item():
    item = xwlb_items("2012/20120702.json.gz")[0]
    from dagster_project.core.clean import html_to_text

    body, removed = strip_furniture(normalise(html_to_text(item["video_detail"]["content"])))
    assert removed == ["broadcast_prefix", "editor_trailer"]
    assert body.startswith("中共中央总书记") and body.endswith("即日起在全国新华书店发行。")


def test_hard_wrapped_lines_are_joined_but_paragraphs_kept():
    with open(RAW_FIXTURES / "gov_csv/pboc_mpc_meetings.csv", encoding="utf-8-sig", newline="") as f:
        text = next(r["text"] for r in csv.DictReader(f) if r["date"].startswith("2010-12"))
    lines = unwrap_lines(normalise(text)).split("\n")
    assert lines[0] == "中国人民银行货币政策委员会2010年第四季度例会日前在北京召开。"
    assert lines[1].startswith("会议认为，明年世界经济") and lines[2].startswith("会议强调，2011年")
    seed = normalise(seed_body())
    assert unwrap_lines(seed) == seed  # paragraphs that end in 。 stay paragraphs


def test_traditional_text_is_simplified_and_simplified_text_left_alone():
    text, converted = simplify("我們第一屆全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後")
    assert converted and text.startswith("我们第一届全国人民代表大会第一次会议")
    body = normalise(seed_body())
    assert simplify(body) == (body, False)


def test_a_repeated_broadcast_prefix_is_removed_whole():
    # xwlb/assets/2018/20181120.json.gz, VIDEbKjyZmyLMWYxKIPVgBcK181120, as scraped
    body, removed = strip_furniture("央视网消息（新闻联播）：央视网消息（新闻联播）：同日，国务院总理李克强同巴勒斯坦总理哈姆迪拉也互致了贺电。")
    assert body.startswith("同日，国务院总理李克强") and removed == ["broadcast_prefix"]
