"""Every string in the sources has a finished translation in both catalogues.

Fails listing each msgid that is missing, fuzzy, untranslated or whose placeholders differ from
the msgid's. ``make translations`` brings new msgids into the catalogues; then translate them.
"""
import re

import pytest

from tests.web.catalogues import LOCALES, extracted_messages, read_catalogue

PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[-#0 +]*\d*(?:\.\d+)?[dsifr]"
                         r"|\{\w*(?:[!:][^{}]*)?\}")


LONE_PERCENT = re.compile(r"%")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def problems_with(message, forms: tuple[str, ...]) -> list[str]:
    if message is None:
        return ["missing"]
    if message.fuzzy:
        return ["fuzzy"]
    translations = message.string if isinstance(message.string, tuple) else (message.string,)
    if not all(translations):
        return ["not translated"]
    # English pairs singular and plural; a one-form language (Chinese) says the plural's words.
    sources = forms if len(translations) == len(forms) else (forms[-1],) * len(translations)
    problems = [f"placeholders {placeholders(text)} differ from {placeholders(source)}"
                for text, source in zip(translations, sources, strict=True)
                if placeholders(text) != placeholders(source)]
    # gettext %-formats every translation that has variables; a lone % breaks the page.
    return problems + [f"a lone % in {text!r} (write %%)" for text in translations
                       if LONE_PERCENT.search(PLACEHOLDER.sub("", text.replace("%%", "")))]


@pytest.fixture(scope="module")
def sources():
    return extracted_messages()


def test_the_sources_have_messages(sources):
    assert ("Skip to content", None) in sources  # templates are extracted
    assert ("Page not found", None) in sources  # and lazy_gettext at module level


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated(locale, sources):
    catalogue = read_catalogue(locale)
    report = []
    for (msgid, context), forms in sorted(sources.items(), key=lambda item: item[0][0]):
        for problem in problems_with(catalogue.get(msgid, context=context), forms):
            report.append(f"{msgid!r}: {problem}")
    assert not report, f"translations/{locale}: {len(report)} problem(s):\n" + "\n".join(report)


def test_placeholder_check_sees_a_mismatch():
    assert placeholders("At most %(max)d characters.") == ["%(max)d"]
    assert placeholders("The password needs {min} to {max} characters.") == ["{max}", "{min}"]
    assert placeholders("最多 %(max)s 个字符") != placeholders("At most %(max)d characters.")
    assert placeholders("100%% sure") == []


def test_a_lone_percent_is_a_problem():
    message = type("Message", (), {"fuzzy": False, "string": "税率 13%。"})()
    assert problems_with(message, ("Rate 13 percent.",)) == ["a lone % in '税率 13%。' (write %%)"]
