import random

from redline.render._nesting import Element, nest


def _element(start: int, end: int, name: str, rank: int = 2) -> Element:
    return Element(start, end, rank, f"<{name}>", f"<{name}>", f"</{name}>", (0, name))


def test_nesting_nested_spans_stay_whole() -> None:
    out = "".join(nest("abcdef", [_element(0, 6, "a"), _element(2, 4, "b")], str))
    assert out == "<a>ab<b>cd</b>ef</a>"


def test_nesting_crossing_spans_are_split() -> None:
    out = "".join(nest("abcdef", [_element(0, 4, "a"), _element(2, 6, "b")], str))
    assert out == "<a>ab<b>cd</b></a><b>ef</b>"


def test_nesting_lower_rank_encloses_higher() -> None:
    out = "".join(nest("abcdef", [_element(0, 4, "m"), _element(2, 6, "d", rank=0)], str))
    assert out == "<m>ab</m><d><m>cd</m>ef</d>"


def test_nesting_empty_spans_and_text_are_kept_in_order() -> None:
    out = "".join(nest("abc", [_element(1, 1, "z")], lambda s: s.upper()))
    assert out == "ABC"


def test_nesting_random_spans_are_well_formed_and_lossless() -> None:
    rng = random.Random(7)
    text = "".join(rng.choice("ab <&") for _ in range(60))
    for _ in range(200):
        elements = []
        for index in range(rng.randint(0, 8)):
            start = rng.randint(0, len(text))
            elements.append(
                _element(start, rng.randint(start, len(text)), f"e{index}", rank=rng.randint(0, 2))
            )
        pieces = list(nest(text, elements, lambda s: f"[{s}]"))
        stack: list[str] = []
        plain = []
        covered = {e.order[1]: "" for e in elements}
        for piece in pieces:
            if piece.startswith("</"):
                assert stack.pop() == piece[2:-1]
            elif piece.startswith("<"):
                stack.append(piece[1:-1])
            else:
                plain.append(piece[1:-1])
                for name in stack:
                    covered[name] += piece[1:-1]
        assert not stack
        assert "".join(plain) == text
        for element in elements:
            assert covered[element.order[1]] == text[element.start : element.end]
