"""What policies share: the record a policy's object stands for, and reading by every member of
staff."""

from types import SimpleNamespace

from heard.core.policies import ReadByStaff, record_of


class Round:
    pass


class Part:
    def __init__(self, round_: Round) -> None:
        self.round = round_


def test_record_of_is_the_object_the_record_it_is_part_of_or_none() -> None:
    round_ = Round()
    assert record_of(round_, Round, (Part,), "round") is round_
    assert record_of(Part(round_), Round, (Part,), "round") is round_
    assert record_of(None, Round, (Part,), "round") is None
    assert record_of("other", Round, (Part,), "round") is None


def test_every_member_of_staff_reads_and_no_one_else() -> None:
    policy = ReadByStaff()
    staff = SimpleNamespace(role="board_member", is_authenticated=True, is_active=True)
    assert policy.may_view(staff)
    assert not policy.may_view(SimpleNamespace(role="board_member", is_authenticated=False))
    assert not policy.may_view(None)
