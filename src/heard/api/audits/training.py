"""Young people's training over the API (M21): courses and who attended them, and who is
trained (filter ``state=current`` for those trained and current)."""

from __future__ import annotations

from rest_framework import mixins, serializers

from heard.api import common
from heard.api.audits.audits import YoungPersonField
from heard.api.fields import optional_text
from heard.audits import filters, selectors, services
from heard.audits.models import Course, CourseAttendance


class CourseSerializer(common.OutputSerializer):
    attendee_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Course
        fields = [
            "id",
            "title",
            "kind",
            "date",
            "valid_for_months",
            "valid_until",
            "notes",
            "attendee_count",
            *common.STAMPS,
        ]


class CourseInput(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Course.Kind.choices)
    date = serializers.DateField()
    valid_for_months = serializers.IntegerField(min_value=1, max_value=120, required=False)
    attendees = YoungPersonField(many=True, required=False)
    notes = optional_text()


class CourseViewSet(common.RecordDeleteViewSet):
    """Courses for young auditors, commissioners and inspectors. Who attended is on the trained
    list (``/trained-young-people/``), for those who may see the young people."""

    serializer_class = CourseSerializer
    input_serializer = CourseInput
    filterset_class = filters.CourseFilter
    operations = common.Operations(selectors, services, "course", add="record")


class TrainedSerializer(common.OutputSerializer):
    course_title = serializers.CharField(source="course.title", read_only=True)
    kind = serializers.ChoiceField(
        source="course.kind", choices=Course.Kind.choices, read_only=True
    )
    trained_on = serializers.DateField(source="course.date", read_only=True)
    valid_until = serializers.DateField(source="course.valid_until", read_only=True)

    class Meta:
        model = CourseAttendance
        fields = [
            "id",
            "young_person",
            "young_person_reference",
            "course",
            "course_title",
            "kind",
            "trained_on",
            "valid_until",
        ]


class TrainedViewSet(mixins.ListModelMixin, common.ServiceViewSet):
    """Each young person's attendance at a course: programme staff see every young person, a
    partner worker their own organisation's, board members none."""

    serializer_class = TrainedSerializer
    filterset_class = filters.TrainedFilter
    visible = staticmethod(selectors.attendances_visible_to)
