"""The case workflow: allowed moves, refusals that say why, approvals, children's cases."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from crossroads.protection import workflow
from crossroads.protection.choices import (
    ApprovalDecision,
    ApprovalStep,
    BestInterestsKind,
    CaseStatus,
    CaseType,
    ClosureReason,
)
from crossroads.protection.models import BestInterests, CaseStatusChange
from crossroads.protection.tests.helpers import ProtectionTestCase
from crossroads.protection.workflow import TransitionRefused


class WorkflowTests(ProtectionTestCase):
    def approve(self, step: str) -> None:
        approval = workflow.request_approval(self.case, step, self.owner)
        workflow.decide(approval, self.colleague, approve=True)

    def to_assessment(self) -> None:
        workflow.move(self.case, CaseStatus.ASSESSMENT, self.owner)

    def test_a_registered_case_starts_its_assessment_without_approval(self) -> None:
        self.to_assessment()
        self.assertEqual(self.reload(self.case).status, CaseStatus.ASSESSMENT)
        change = CaseStatusChange.objects.get(case=self.case)
        self.assertEqual((change.from_status, change.to_status),
                         (CaseStatus.REGISTERED, CaseStatus.ASSESSMENT))

    def test_it_refuses_a_move_the_workflow_does_not_allow_and_says_why(self) -> None:
        with self.assertRaises(TransitionRefused) as refused:
            workflow.move(self.case, CaseStatus.SERVICES, self.owner)
        self.assertIn("cannot move from", refused.exception.message_dict["status"][0])
        self.assertEqual(self.reload(self.case).status, CaseStatus.REGISTERED)
        self.assertFalse(CaseStatusChange.objects.exists())

    def test_it_refuses_leaving_the_assessment_without_a_supervisors_approval(self) -> None:
        self.to_assessment()
        with self.assertRaises(TransitionRefused) as refused:
            workflow.move(self.case, CaseStatus.CASE_PLAN, self.owner)
        self.assertIn("approval", refused.exception.message_dict["status"][0])
        self.assertEqual(self.reload(self.case).status, CaseStatus.ASSESSMENT)

    def test_the_requester_cannot_approve_their_own_request(self) -> None:
        self.to_assessment()
        approval = workflow.request_approval(self.case, ApprovalStep.ASSESSMENT, self.colleague)
        with self.assertRaises(TransitionRefused) as refused:
            workflow.decide(approval, self.colleague, approve=True)
        self.assertIn("cannot give it", refused.exception.message_dict["decided_by"][0])
        approval.refresh_from_db()
        self.assertEqual(approval.decision, ApprovalDecision.PENDING)

    def test_a_refused_approval_does_not_let_the_case_move(self) -> None:
        self.to_assessment()
        approval = workflow.request_approval(self.case, ApprovalStep.ASSESSMENT, self.owner)
        workflow.decide(approval, self.colleague, approve=False, note="Missing interview.")
        with self.assertRaises(TransitionRefused):
            workflow.move(self.case, CaseStatus.CASE_PLAN, self.owner)

    def test_an_approval_lets_the_case_move_once(self) -> None:
        self.to_assessment()
        self.approve(ApprovalStep.ASSESSMENT)
        workflow.move(self.case, CaseStatus.CASE_PLAN, self.owner)
        self.assertEqual(self.reload(self.case).status, CaseStatus.CASE_PLAN)
        self.assertTrue(self.case.approvals.get().used)
        with self.assertRaises(TransitionRefused):
            workflow.move(self.case, CaseStatus.SERVICES, self.owner)

    def test_a_case_goes_through_to_closure_and_reopens_with_a_reason(self) -> None:
        self.add_principal(self.case, born=1985)
        self.to_assessment()
        self.approve(ApprovalStep.ASSESSMENT)
        workflow.move(self.case, CaseStatus.CASE_PLAN, self.owner)
        self.approve(ApprovalStep.CASE_PLAN)
        workflow.move(self.case, CaseStatus.SERVICES, self.owner)
        self.approve(ApprovalStep.CLOSURE)
        workflow.move(self.case, CaseStatus.CLOSED, self.owner,
                      closure_reason=ClosureReason.GOALS_MET)
        closed = self.reload(self.case)
        self.assertEqual((closed.status, closed.closure_reason),
                         (CaseStatus.CLOSED, ClosureReason.GOALS_MET))
        self.assertIsNotNone(closed.closed_on)
        with self.assertRaises(TransitionRefused) as refused:
            workflow.reopen(self.case, self.owner, "  ")
        self.assertIn("reason", refused.exception.message_dict)
        workflow.reopen(self.case, self.owner, "New threats reported by the person.")
        reopened = self.reload(self.case)
        self.assertEqual((reopened.status, reopened.closed_on, reopened.closure_reason),
                         (CaseStatus.ASSESSMENT, None, ""))

    def test_closing_needs_an_approval_and_a_reason(self) -> None:
        with self.assertRaises(TransitionRefused):
            workflow.move(self.case, CaseStatus.CLOSED, self.owner,
                          closure_reason=ClosureReason.LOST_CONTACT)
        self.approve(ApprovalStep.CLOSURE)
        with self.assertRaises(TransitionRefused) as refused:
            workflow.move(self.case, CaseStatus.CLOSED, self.owner)
        self.assertIn("closure reason", refused.exception.message_dict["status"][0])
        self.assertFalse(self.case.approvals.get().used)

    def test_an_unaccompanied_childs_case_cannot_close_without_a_determination(self) -> None:
        case = self.make_case("MDA-2026-0002", worker=self.owner, case_type=CaseType.UASC)
        child = self.add_principal(case, born=None)
        approval = workflow.request_approval(case, ApprovalStep.CLOSURE, self.owner)
        workflow.decide(approval, self.colleague, approve=True)
        with self.assertRaises(TransitionRefused) as refused:
            workflow.move(case, CaseStatus.CLOSED, self.owner,
                          closure_reason=ClosureReason.RETURNED)
        self.assertIn("best-interests", refused.exception.message_dict["status"][0])
        BestInterests.objects.create(case=case, child=child, kind=BestInterestsKind.ASSESSMENT,
                                     done_by=self.owner, recommendation="Family tracing.")
        with self.assertRaises(TransitionRefused):
            workflow.move(case, CaseStatus.CLOSED, self.owner,
                          closure_reason=ClosureReason.RETURNED)
        BestInterests.objects.create(case=case, child=child,
                                     kind=BestInterestsKind.DETERMINATION, done_by=self.colleague,
                                     recommendation="Reunification with the mother.")
        workflow.move(case, CaseStatus.CLOSED, self.owner, closure_reason=ClosureReason.RETURNED)
        self.assertEqual(self.reload(case).status, CaseStatus.CLOSED)

    def test_a_principal_under_eighteen_makes_a_childs_case(self) -> None:
        self.add_principal(self.case, born=self.today().year - 15)
        self.assertTrue(workflow.is_child_case(self.case))

    def test_an_adult_principal_does_not_make_a_childs_case(self) -> None:
        self.add_principal(self.case, born=self.today().year - 30)
        self.assertFalse(workflow.is_child_case(self.case))

    def test_someone_who_may_not_change_the_case_cannot_move_it(self) -> None:
        with self.assertRaises(PermissionDenied):
            workflow.move(self.case, CaseStatus.ASSESSMENT, self.outsider)
        self.assertEqual(self.reload(self.case).status, CaseStatus.REGISTERED)

    def test_an_approval_cannot_be_requested_twice_or_out_of_step(self) -> None:
        with self.assertRaises(TransitionRefused):
            workflow.request_approval(self.case, ApprovalStep.CASE_PLAN, self.owner)
        self.to_assessment()
        workflow.request_approval(self.case, ApprovalStep.ASSESSMENT, self.owner)
        with self.assertRaises(TransitionRefused) as refused:
            workflow.request_approval(self.case, ApprovalStep.ASSESSMENT, self.owner)
        self.assertIn("already pending", refused.exception.message_dict["step"][0])
