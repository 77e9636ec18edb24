"""Parameter values and formats, exactly as the guide's "Job Parameterization" describes them."""

from __future__ import annotations

import pytest

from torc.spec.parameters import (
    FloatRange,
    ParameterError,
    Template,
    format_value,
    parse_values,
)


def test_integer_ranges() -> None:
    assert list(parse_values("1:10")) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert list(parse_values("0:100:10")) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert list(parse_values("10:1:-3")) == [10, 7, 4, 1]
    assert list(parse_values("{1:3}")) == [1, 2, 3]  # braces written by mistake are tolerated
    assert list(parse_values(" 1 : 3 ")) == [1, 2, 3]


def test_float_ranges_include_the_end_without_rounding_noise() -> None:
    assert list(parse_values("0.0:1.0:0.1")) == [
        0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0
    ]  # fmt: skip
    assert list(parse_values("0.1:1.0:0.1")) == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert list(parse_values("1.0:0.0:-0.25")) == [1.0, 0.75, 0.5, 0.25, 0.0]


def test_float_range_with_a_count_is_log_scale() -> None:
    values = parse_values("0.0001:0.01:10")
    assert isinstance(values, FloatRange)
    assert len(values) == 10
    assert values[0] == 0.0001 and values[-1] == 0.01
    ratios = [values[i + 1] / values[i] for i in range(9)]
    assert all(r == pytest.approx(ratios[0]) for r in ratios)  # evenly spaced in log
    assert [f"{v:.2e}" for v in parse_values("0.001:1.0:4")] == [
        "1.00e-03",
        "1.00e-02",
        "1.00e-01",
        "1.00e+00",
    ]


def test_lists() -> None:
    assert parse_values("[16,32,64,128]") == [16, 32, 64, 128]
    assert parse_values("[0.1,0.5,0.9]") == [0.1, 0.5, 0.9]
    assert parse_values("['adam','sgd','rmsprop']") == ["adam", "sgd", "rmsprop"]
    assert parse_values("['train','test','validation']") == ["train", "test", "validation"]
    assert parse_values("[1, 2, 3]") == [1, 2, 3]
    assert parse_values("['x', 'y', 'z']") == ["x", "y", "z"]
    assert parse_values('["a,b", c]') == ["a,b", "c"]
    assert parse_values("[1, 2,]") == [1, 2]
    assert parse_values([1, "a", 2.5]) == [1, "a", 2.5]  # a YAML/JSON list


def test_single_values() -> None:
    assert parse_values("7") == [7]
    assert parse_values(7) == [7]
    assert parse_values("0.5") == [0.5]
    assert parse_values("word") == ["word"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1:2:3:4", "not a range"),
        ("1:", "not a range"),
        ("1:10:0", "step of zero"),
        ("10:1", "has no values"),
        ("a:b", "not a range of numbers"),
        ("[]", "is empty"),
        ("['a', 'b]", "unclosed quote"),
        ("[1,,2]", "empty item"),
        ("", "is empty"),
    ],
)
def test_bad_values(text: str, words: str) -> None:
    with pytest.raises(ParameterError) as info:
        parse_values(text)
    assert words in str(info.value)


def test_ranges_are_lazy() -> None:
    assert len(parse_values("1:10000000000")) == 10_000_000_000


@pytest.mark.parametrize(
    ("value", "spec", "text"),
    [
        (5, None, "5"),
        (5, "03d", "005"),
        (100, "03d", "100"),
        (0.001, ".4f", "0.0010"),
        (0.001, ".2e", "1.00e-03"),
        (0.1, ".2f", "0.10"),
        (0.001, None, "0.001"),
        (1.0, None, "1.0"),
        (3.0, "03d", "003"),  # a whole float takes an integer format
        ("adam", None, "adam"),
        ("7", "03d", "007"),
    ],
)
def test_format_specifiers(value: object, spec: str | None, text: str) -> None:
    assert format_value(value, spec) == text  # type: ignore[arg-type]


def test_format_that_does_not_apply() -> None:
    with pytest.raises(ParameterError) as info:
        format_value(0.5, "03d")
    assert "does not apply" in str(info.value)


def test_templates_leave_other_braces_alone() -> None:
    template = Template("awk '{print $1}' ${files.input.f_{i}} {i:03d} {j} {other}", ["i", "j"])
    assert template.render((7, "x")) == "awk '{print $1}' ${files.input.f_7} 007 x {other}"
    assert template.render_some({0: 7}) == "awk '{print $1}' ${files.input.f_7} 007 {j} {other}"
    assert Template("^prep_{i}$", ["i"]).render((0.5,), escape=True) == "^prep_0\\.5$"
    assert Template("no placeholders {x}", ["i"]).literal == "no placeholders {x}"
