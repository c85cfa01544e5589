"""Segmentation: the same tokens for documents and queries, whatever the script or case."""
import pytest

from marketplace.search import segment


def test_a_word_inside_a_longer_chinese_title_is_a_token():
    assert "面霜" in segment.tokens("保湿面霜")
    assert segment.query_tokens("面霜") == ["面霜"]


def test_latin_words_are_lower_cased_and_accents_folded():
    assert segment.tokens("LA MER Lancôme") == ["la", "mer", "lancome"]
    assert segment.query_tokens("La Mer") == ["la", "mer"]


def test_mixed_text_keeps_chinese_and_latin_tokens_in_order_without_repeats():
    assert segment.document_text("LA MER 海蓝之谜 面霜", "la mer") == "la mer 海 蓝 之谜 海蓝 面霜"


def test_full_width_letters_and_digits_become_plain():
    assert segment.tokens("ＳＫ－Ⅱ ２３０ml") == ["sk", "ii", "230ml"]


@pytest.mark.parametrize("text", ["", "   ", "\x00\x00", "💄🧴", "\"*:-^()", "NEAR/3 OR AND",
                                  "'; DROP TABLE x;--"])
def test_queries_of_anything_give_only_plain_tokens(text):
    for token in segment.query_tokens(text):
        assert token.isalnum(), token


def test_query_length_and_token_count_are_capped():
    long_query = " ".join(f"word{number}" for number in range(1000))
    tokens = segment.query_tokens(long_query)
    assert len(tokens) == segment.MAX_QUERY_TOKENS
    assert tokens[0] == "word0"
    assert segment.query_tokens("面" * 5000) == ["面面"]


def test_operators_are_just_words():
    assert segment.query_tokens('"la" -mer* NEAR(a b)') == ["la", "mer", "near", "a", "b"]


def test_a_two_character_query_finds_a_longer_dictionary_word():
    from marketplace.search.segment import document_text, query_tokens

    document = document_text("氨基酸洁面乳").split()
    assert "洁面乳" in document and "洁面" in document
    assert query_tokens("洁面") == ["洁面"]
