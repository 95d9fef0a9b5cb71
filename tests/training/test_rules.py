"""Training rules, without a database: every edge of the once-a-year, pre-job (before the job), plan types and rotation rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.exceptions import Conflict
from training import rules
from training.choices import AssessmentGrade, OrganiserStatus, PreJobStatus, RotationStatus

D = dt.date


class TestOrganiserOnceAYear:
    def test_county_with_no_training_in_the_year_is_missing_once_the_year_is_over(self):
        status = rules.organiser_status(
            year=2025, held_dates=[], scheduled_dates=[], planned_count=0, today=D(2026, 1, 1)
        )
        assert status == OrganiserStatus.MISSING

    def test_county_with_no_training_and_no_plan_is_missing_during_the_year(self):
        status = rules.organiser_status(
            year=2026, held_dates=[], scheduled_dates=[], planned_count=0, today=D(2026, 3, 1)
        )
        assert status == OrganiserStatus.MISSING

    def test_county_with_one_training_held_in_the_year_is_done(self):
        status = rules.organiser_status(
            year=2026, held_dates=[D(2026, 6, 3)], scheduled_dates=[], planned_count=0, today=D(2026, 7, 1)
        )
        assert status == OrganiserStatus.DONE

    def test_training_on_the_first_and_last_day_of_the_year_counts(self):
        for day in (D(2026, 1, 1), D(2026, 12, 31)):
            status = rules.organiser_status(
                year=2026, held_dates=[day], scheduled_dates=[], planned_count=0, today=D(2027, 2, 1)
            )
            assert status == OrganiserStatus.DONE

    def test_training_in_the_previous_december_does_not_count_for_this_year(self):
        status = rules.organiser_status(
            year=2026, held_dates=[D(2025, 12, 31)], scheduled_dates=[], planned_count=0, today=D(2027, 1, 1)
        )
        assert status == OrganiserStatus.MISSING

    def test_previous_december_with_a_plan_this_year_is_planned_not_done(self):
        status = rules.organiser_status(
            year=2026, held_dates=[D(2025, 12, 20)], scheduled_dates=[], planned_count=1, today=D(2026, 2, 1)
        )
        assert status == OrganiserStatus.PLANNED

    def test_scheduled_session_in_the_year_is_planned_until_the_year_ends(self):
        kwargs = dict(year=2026, held_dates=[], scheduled_dates=[D(2026, 11, 5)], planned_count=0)
        assert rules.organiser_status(**kwargs, today=D(2026, 12, 31)) == OrganiserStatus.PLANNED
        assert rules.organiser_status(**kwargs, today=D(2027, 1, 1)) == OrganiserStatus.MISSING

    def test_a_scheduled_session_of_another_year_does_not_make_this_year_planned(self):
        status = rules.organiser_status(
            year=2026, held_dates=[], scheduled_dates=[D(2027, 1, 5)], planned_count=0, today=D(2026, 5, 1)
        )
        assert status == OrganiserStatus.MISSING


class TestPreJobBeforeTheJob:
    """粤民发〔2018〕170号 二(五) 岗前培训: before the job, no grace period. A worker starting 1 March 2026."""

    START = D(2026, 3, 1)

    def status(self, completions):
        return rules.pre_job_status(start_date=self.START, completion_dates=completions)

    def test_training_the_day_before_starting_is_done(self):
        assert self.status([D(2026, 2, 28)]) == PreJobStatus.DONE

    def test_training_on_the_start_day_is_done(self):
        assert self.status([D(2026, 3, 1)]) == PreJobStatus.DONE

    def test_training_the_day_after_starting_is_late(self):
        assert self.status([D(2026, 3, 2)]) == PreJobStatus.LATE

    def test_no_training_is_awaiting_from_the_first_day(self):
        assert self.status([]) == PreJobStatus.AWAITING

    def test_the_earliest_training_decides(self):
        assert self.status([D(2026, 5, 1), D(2026, 2, 5)]) == PreJobStatus.DONE
        assert self.status([D(2026, 5, 1), D(2026, 3, 5)]) == PreJobStatus.LATE

    def test_there_is_no_grace_period_any_more(self):
        # the old rule counted 30 days after starting as done; 31 March 2026 is start + 30 days
        assert self.status([D(2026, 3, 31)]) == PreJobStatus.LATE


class TestPlanTypes:
    """粤民发〔2018〕170号 二(五): 将岗前培训、定期轮训、业务进修列入年度计划."""

    def test_a_plan_with_all_three_types_misses_none(self):
        assert rules.missing_plan_types(["advanced", "pre_job", "rotation", "rotation"]) == []

    def test_a_plan_with_two_of_three_types_misses_the_third(self):
        assert rules.missing_plan_types(["pre_job", "rotation"]) == ["advanced"]
        assert rules.missing_plan_types(["rotation", "advanced"]) == ["pre_job"]

    def test_an_empty_plan_misses_all_three_in_the_policys_order(self):
        assert rules.missing_plan_types([]) == ["pre_job", "rotation", "advanced"]

    def test_a_plan_missing_a_type_is_final_only_with_a_reason(self):
        assert (
            rules.plan_final_error(missing=["advanced"], reason="  ")
            == "年度计划缺少业务进修，须补充或填写缺项原因"
        )
        assert rules.plan_final_error(missing=["advanced"], reason="业务进修由市局统一组织") is None
        assert rules.plan_final_error(missing=[], reason="") is None


class TestPriorTraining:
    def test_a_prior_training_dated_today_with_evidence_is_accepted(self):
        assert (
            rules.prior_training_errors(
                completed_on=D(2026, 3, 1), today=D(2026, 3, 1), evidence="粤民培〔2017〕3号"
            )
            == {}
        )

    def test_a_prior_training_dated_tomorrow_or_without_evidence_is_refused(self):
        errors = rules.prior_training_errors(completed_on=D(2026, 3, 2), today=D(2026, 3, 1), evidence=" ")
        assert set(errors) == {"completed_on", "evidence"}


class TestRotationPerCalendarYear:
    def status(self, year, completions, today, start=None):
        start = start or D(2020, 5, 1)
        return rules.rotation_status(year=year, start_date=start, completion_dates=completions, today=today)

    def test_rotation_in_the_year_is_done(self):
        assert self.status(2026, [D(2026, 1, 1)], D(2026, 2, 1)) == RotationStatus.DONE
        assert self.status(2026, [D(2026, 12, 31)], D(2027, 1, 1)) == RotationStatus.DONE

    def test_rotation_in_the_previous_december_does_not_count(self):
        assert self.status(2026, [D(2025, 12, 31)], D(2026, 6, 1)) == RotationStatus.DUE
        assert self.status(2026, [D(2025, 12, 31)], D(2027, 1, 1)) == RotationStatus.MISSING

    def test_rotation_in_january_of_next_year_does_not_count_for_this_year(self):
        assert self.status(2026, [D(2027, 1, 1)], D(2027, 1, 2)) == RotationStatus.MISSING

    def test_due_until_the_last_day_then_missing(self):
        assert self.status(2026, [], D(2026, 12, 31)) == RotationStatus.DUE
        assert self.status(2026, [], D(2027, 1, 1)) == RotationStatus.MISSING

    def test_not_required_in_the_year_the_worker_starts(self):
        assert self.status(2026, [], D(2027, 3, 1), start=D(2026, 1, 1)) == RotationStatus.NOT_REQUIRED
        assert self.status(2026, [], D(2027, 3, 1), start=D(2025, 12, 31)) == RotationStatus.MISSING

    def test_compliance_fails_while_awaiting_pre_job_training_or_on_missing_rotation(self):
        assert rules.is_worker_compliant(PreJobStatus.DONE, RotationStatus.DUE)
        assert rules.is_worker_compliant(PreJobStatus.LATE, RotationStatus.DONE)
        assert not rules.is_worker_compliant(PreJobStatus.AWAITING, RotationStatus.NOT_REQUIRED)
        assert not rules.is_worker_compliant(PreJobStatus.DONE, RotationStatus.MISSING)


class TestSessionChecks:
    def test_session_dated_before_its_plan_year_is_refused(self):
        assert "早于" in rules.session_year_error(session_date=D(2025, 12, 31), plan_year=2026)
        assert rules.session_year_error(session_date=D(2026, 1, 1), plan_year=2026) is None
        assert "晚于" in rules.session_year_error(session_date=D(2027, 1, 1), plan_year=2026)

    def test_session_hours_cannot_exceed_its_length(self):
        start = dt.datetime(2026, 5, 1, 9, 0)
        assert (
            rules.session_hours_error(
                hours=Decimal("3"), starts_at=start, ends_at=start + dt.timedelta(hours=3)
            )
            is None
        )
        assert "超过" in rules.session_hours_error(
            hours=Decimal("3.1"), starts_at=start, ends_at=start + dt.timedelta(hours=3)
        )
        assert rules.session_hours_error(
            hours=Decimal("0"), starts_at=start, ends_at=start + dt.timedelta(hours=1)
        )
        assert rules.session_hours_error(hours=Decimal("1"), starts_at=start, ends_at=start)

    def test_credited_hours_between_zero_and_session_hours(self):
        assert rules.credited_hours_error(hours=Decimal("6"), session_hours=Decimal("6")) is None
        assert rules.credited_hours_error(hours=Decimal("0"), session_hours=Decimal("6")) is None
        assert rules.credited_hours_error(hours=Decimal("6.5"), session_hours=Decimal("6"))
        assert rules.credited_hours_error(hours=Decimal("-1"), session_hours=Decimal("6"))

    def test_score_range(self):
        assert rules.score_error(None) is None
        assert rules.score_error(Decimal("0")) is None
        assert rules.score_error(Decimal("100")) is None
        assert rules.score_error(Decimal("100.5"))
        assert rules.score_error(Decimal("-0.5"))

    @pytest.mark.parametrize(
        ("hours", "score", "pass_score", "done"),
        [
            ("6", None, None, True),
            ("5.9", None, None, False),
            ("6", "60", "60", True),
            ("6", "59.9", "60", False),
            ("6", None, "60", False),
        ],
    )
    def test_completion_needs_full_hours_and_a_pass_when_tested(self, hours, score, pass_score, done):
        assert (
            rules.attendance_completed(
                hours=Decimal(hours),
                session_hours=Decimal("6"),
                score=Decimal(score) if score else None,
                pass_score=Decimal(pass_score) if pass_score else None,
            )
            is done
        )

    def test_sign_in_window_opens_an_hour_before_and_closes_at_the_end(self):
        start = dt.datetime(2026, 5, 1, 9, 0)
        end = dt.datetime(2026, 5, 1, 12, 0)
        assert rules.sign_in_open(starts_at=start, ends_at=end, now=dt.datetime(2026, 5, 1, 8, 0))
        assert not rules.sign_in_open(starts_at=start, ends_at=end, now=dt.datetime(2026, 5, 1, 7, 59))
        assert rules.sign_in_open(starts_at=start, ends_at=end, now=end)
        assert not rules.sign_in_open(starts_at=start, ends_at=end, now=end + dt.timedelta(seconds=1))

    def test_only_a_scheduled_session_may_change(self):
        rules.require_scheduled("scheduled")
        for status, label in (("held", "已举办"), ("cancelled", "已取消")):
            with pytest.raises(Conflict) as exc:
                rules.require_scheduled(status)
            assert exc.value.code == "session_locked" and label in exc.value.message

    def test_codes_are_normalised_as_typed(self):
        assert rules.normalise_code(" abcd-efgh jkmn ") == "ABCDEFGHJKMN"
        assert rules.format_certificate_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"


class TestSuggestedGrade:
    def test_not_compliant_or_untrained_suggests_basic(self):
        assert (
            rules.suggested_grade(rules.YearRecord(3, Decimal(18), Decimal(95), False))
            == AssessmentGrade.BASIC
        )
        assert rules.suggested_grade(rules.YearRecord(0, Decimal(0), None, True)) == AssessmentGrade.BASIC

    def test_high_scores_suggest_excellent_at_90(self):
        assert (
            rules.suggested_grade(rules.YearRecord(2, Decimal(12), Decimal(90), True))
            == AssessmentGrade.EXCELLENT
        )
        assert (
            rules.suggested_grade(rules.YearRecord(2, Decimal(12), Decimal("89.9"), True))
            == AssessmentGrade.COMPETENT
        )

    def test_never_suggests_unsuited(self):
        assert (
            rules.suggested_grade(rules.YearRecord(0, Decimal(0), Decimal(0), False))
            != AssessmentGrade.UNSUITED
        )
