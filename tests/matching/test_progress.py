import io

from access.matching.progress import steps


def test_off_a_terminal_each_step_is_one_line_with_the_elapsed_time() -> None:
    out = io.StringIO()
    with steps(2, out) as step:
        step("normalising")
        step("scoring")
    lines = out.getvalue().splitlines()
    assert [line.split("] ", 1)[1] for line in lines] == ["1/2 normalising", "2/2 scoring", "done"]
    assert all(line.startswith("[") and " s]" in line for line in lines)
