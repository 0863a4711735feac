from heard.core.standards import Standard


def test_the_seven_standards_in_the_frameworks_order():
    assert len(Standard) == 7
    assert [Standard.number(value) for value in Standard.values] == [1, 2, 3, 4, 5, 6, 7]
    assert Standard.number(Standard.SYSTEMS) == 4
    assert Standard.STYLE_OF_LEADERSHIP.label == "Style of leadership"
