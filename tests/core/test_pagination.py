from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def links(html: str) -> list[str]:
    return [part.split('"')[0] for part in html.split('href="')[1:]]


def render(path: str, **context) -> str:
    request = RequestFactory().get(path)
    return render_to_string("academy/pagination.html", context, request=request)


def test_page_links_keep_the_pages_filters():
    page = Paginator(range(100), 10).get_page(2)
    html = render("/topics/?q=tax&unit=3&page=2", page=page)
    assert links(html) == ["?q=tax&amp;unit=3&amp;page=1", "?q=tax&amp;unit=3&amp;page=3"]


def test_a_second_list_on_the_page_pages_with_its_own_parameter():
    page = Paginator(range(100), 10).get_page(1)
    html = render("/sessions/?page=4", page=page, param="past", label="Sessions held")
    assert links(html) == ["?page=4&amp;past=2"]
    assert 'aria-label="Sessions held"' in html


def test_one_page_shows_no_pagination():
    assert render("/topics/", page=Paginator(range(3), 10).get_page(1)).strip() == ""
