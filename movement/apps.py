from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class MovementConfig(AppConfig):
    name = "movement"
    verbose_name = _("Movement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.audit.verbs import register_verbs

        from .audit_verbs import VERBS

        register_verbs(VERBS)
        self._register_tools()
        # assessments never names movement: movement listens to its certificates.
        from assessments.certificates.models import Certificate

        from .catalogue import Indicator
        from .figures_cache import row_saved_or_deleted
        from .registry import (
            ambassador_coverage,
            class_participants,
            learning_corners_active,
            register,
            register_counted,
            team_targets_met,
        )
        from .rollup import certificate_saved, person_saved, person_saving

        # The certified roll-up follows every write that changes a cell (rollup.py).
        post_save.connect(
            certificate_saved, sender=Certificate, dispatch_uid="movement.certificate_saved"
        )
        post_delete.connect(
            certificate_saved, sender=Certificate, dispatch_uid="movement.certificate_deleted"
        )
        person = get_user_model()
        pre_save.connect(person_saving, sender=person, dispatch_uid="movement.person_saving")
        post_save.connect(person_saved, sender=person, dispatch_uid="movement.person_saved")
        # Any write to the rows the figures come from makes the cached ones stale.
        post_save.connect(row_saved_or_deleted, dispatch_uid="movement.figures_saved")
        post_delete.connect(row_saved_or_deleted, dispatch_uid="movement.figures_deleted")
        register(Indicator.AMBASSADOR_COVERAGE, ambassador_coverage)
        register(Indicator.CLASS_PARTICIPANTS, class_participants)
        register_counted(Indicator.TEAM_TARGETS_MET, team_targets_met)
        register_counted(Indicator.LEARNING_CORNERS, learning_corners_active)

    @staticmethod
    def _register_tools():
        """A team member and an ambassador reach their pages from their home
        page in one tap (the managers' dashboard tool is lms's own)."""
        from lms.accounts.admin_access import permissions_changed
        from lms.accounts.tools import Tool, register_tool

        from .access import is_ambassador, is_team_member
        from .models import Ambassador, TeamMember

        # Whose home page shows these two tools is kept in the session under the
        # permissions generation (lms.accounts.tools.tools_for_request): a
        # membership or an ambassador saved or deleted bumps it, now and again
        # once committed (a request in between may have kept the old answer).
        def memberships_changed(**_kwargs):
            from django.db import transaction

            permissions_changed()
            transaction.on_commit(permissions_changed)

        for model in (TeamMember, Ambassador):
            for signal, written in ((post_save, "saved"), (post_delete, "deleted")):
                signal.connect(
                    memberships_changed,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"movement.tools-{model.__name__}-{written}",
                )

        register_tool(
            Tool(
                "my_team",
                "learning",
                _("My community digital team"),
                _("Log a guidance visit, a class or a help desk day in one tap."),
                "movement:my_team",
                is_team_member,
            )
        )
        register_tool(
            Tool(
                "my_learners",
                "learning",
                _("My learners (1 kèm 5)"),
                _("How far each learner you follow is, and what to help them with next."),
                "movement:ambassador",
                is_ambassador,
            )
        )
