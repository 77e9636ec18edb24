"""User data variables in a job's command become the records' ids (`user_data_variables`)."""

from __future__ import annotations

from torc_runner.user_data_variables import substitute


def test_each_variable_becomes_its_records_id_and_an_unknown_one_stays() -> None:
    ids = {"config": 7, "result": 9}
    text = "run ${user_data.input.config} ${user_data.output.result} ${user_data.input.missing}"
    assert substitute(text, ids.get) == "run 7 9 ${user_data.input.missing}"


def test_text_without_variables_is_left_alone() -> None:
    looked_up: list[str] = []

    def record_id(name: str) -> int | None:
        looked_up.append(name)
        return 1

    assert substitute("echo ${HOME}", record_id) == "echo ${HOME}"
    assert substitute(None, record_id) is None
    assert looked_up == []
