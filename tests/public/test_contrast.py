"""Colour contrast of static/css/site.css (WCAG 2.1 AA): text 4.5:1, focus indicators and
control borders 3:1, computed from the colours the stylesheet declares."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text()
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
VAR = re.compile(r"var\((--[\w-]+)\)")
HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
# Where a rule sets a text colour without a background, the background it sits on.
CONTEXTS = {".site-header": "--header-bg"}
# Controls whose border is what shows the control (WCAG 1.4.11, 3:1).
CONTROLS = re.compile(r"(^|[\s,>+~])(input|select|textarea|button|\.button|\.rt-editor)\b")


def _rules() -> list[tuple[str, dict[str, str]]]:
    text = re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)
    rules = []
    for selector, body in RULE.findall(text):
        declarations = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                prop, value = declaration.split(":", 1)
                declarations[prop.strip()] = value.strip()
        rules.append((selector.strip(), declarations))
    return rules


def _custom_properties() -> dict[str, str]:
    props = {}
    for selector, declarations in _rules():
        if selector == ":root":
            props.update({k: v for k, v in declarations.items() if k.startswith("--")})
    return props


PROPS = _custom_properties()


def _colour(value: str) -> str | None:
    """The one colour a declaration value names (through custom properties), or None."""
    for _ in range(10):
        match = VAR.search(value)
        if not match:
            break
        value = value.replace(match.group(0), PROPS[match.group(1)])
    if value.strip() == "#fff" or value.strip() == "white":
        return "#ffffff"
    found = HEX.findall(value)
    return found[0] if len(found) == 1 else None


def _luminance(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted([_luminance(one), _luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _background(selector: str, declarations: dict[str, str]) -> str:
    for prop in ("background", "background-color"):
        if prop in declarations and _colour(declarations[prop]):
            return _colour(declarations[prop])
    for prefix, background in CONTEXTS.items():
        if selector.startswith(prefix):
            return _colour(f"var({background})")
    return _colour("var(--page-bg)")


def _text_pairs():
    for selector, declarations in _rules():
        if "color" in declarations and _colour(declarations["color"]):
            yield selector, _colour(declarations["color"]), _background(selector, declarations)


def test_known_contrasts():
    assert round(contrast("#ffffff", "#009edb"), 2) == 3.04
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0


@pytest.mark.parametrize(
    "text,background,minimum",
    [
        ("--header-ink", "--header-bg", 4.5),
        ("--ink", "--page-bg", 4.5),
        ("--link", "--page-bg", 4.5),
        ("--link", "--badge-bg", 4.5),
        ("--muted", "--page-bg", 4.5),
        ("--muted", "--badge-bg", 4.5),
        ("--ink", "--badge-bg", 4.5),
        ("--warn-ink", "--warn-bg", 4.5),
        ("--error-ink", "--error-bg", 4.5),
        ("--ok-ink", "--ok-bg", 4.5),
        ("--info-ink", "--info-bg", 4.5),
        ("--focus", "--page-bg", 3),
        ("--header-focus", "--header-bg", 3),
        ("--control-border", "--page-bg", 3),
    ],
)
def test_palette_pairs_meet_wcag_aa(text, background, minimum):
    ratio = contrast(_colour(f"var({text})"), _colour(f"var({background})"))

    assert ratio >= minimum, f"{text} on {background}: {ratio:.2f}"


def test_every_text_colour_in_the_stylesheet_meets_4_5_to_1():
    pairs = list(_text_pairs())
    failing = [
        (selector, fg, bg, round(contrast(fg, bg), 2))
        for selector, fg, bg in pairs
        if contrast(fg, bg) < 4.5
    ]

    assert len(pairs) > 15
    assert failing == []


def test_focus_outlines_and_control_borders_meet_3_to_1():
    checked, failing = 0, []
    for selector, declarations in _rules():
        background = _background(selector, declarations)
        for prop, value in declarations.items():
            is_outline = prop.startswith("outline") and prop != "outline-offset"
            is_border = prop.startswith("border") and "radius" not in prop
            if is_outline or (is_border and CONTROLS.search(selector)):
                colour = _colour(value)
                if colour:
                    checked += 1
                    ratio = round(contrast(colour, background), 2)
                    if ratio < 3:
                        failing.append((selector, prop, colour, ratio))

    assert checked >= 3
    assert failing == []
