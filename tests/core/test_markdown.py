from core.text import render_markdown


def test_markdown_is_rendered():
    html = render_markdown("## Title\n\nSome **bold** text and a [link](https://example.com).")
    assert "<h2>Title</h2>" in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.com"' in html and "noopener" in html


def test_scripts_and_event_handlers_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"> ok')
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    assert "ok" in html


def test_javascript_links_are_removed():
    html = render_markdown("[click](javascript:alert(1))")
    assert "javascript:" not in html


def test_empty_text_gives_empty_html():
    assert render_markdown("") == ""


def test_a_text_is_read_in_the_language_asked_then_english_then_any():
    from types import SimpleNamespace

    from core.text import in_language

    both = SimpleNamespace(title_en="Hello", title_nl="Hallo")
    english = SimpleNamespace(title_en="Hello", title_nl="")
    dutch = SimpleNamespace(title_en="", title_nl="Hallo")
    assert in_language(both, "title", "nl") == "Hallo"
    assert in_language(english, "title", "nl") == "Hello"
    assert in_language(dutch, "title", "en") == "Hallo"
    assert in_language(both, "title", "de") == "Hello"


def test_the_markdown_filter_renders_sanitised_html_in_any_template():
    from django.template import engines

    template = engines["django"].from_string("{% load markdown %}{{ body|markdown }}")
    html = template.render({"body": "**bold** <script>alert(1)</script>"})
    assert "<strong>bold</strong>" in html and "<script" not in html
