"""The tools a signed-in user can open, for the role-aware home page.

Each tool names its page (URL name) and the same check its view enforces, so a
link is only shown when following it answers 200. Tests walk every tool for
every role and compare the link with the page's answer; a new staff page
therefore adds one line here, with the permission its view requires."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lms.audit.queries import can_read_trail
from lms.units.scope import manages_any_unit

from .roles import Role, has_role


@dataclass(frozen=True)
class Tool:
    key: str
    group: str  # "learning" | "teaching" | "library" | "units" | "administration"
    label: Promise
    help: Promise
    url_name: str
    allowed: Callable

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def _signed_in(user) -> bool:
    return user.is_authenticated


def _has(*permissions: str) -> Callable:
    def check(user) -> bool:
        return user.is_authenticated and user.has_perms(permissions)

    return check


def _has_role(*roles) -> Callable:
    def check(user) -> bool:
        return user.is_authenticated and (
            user.is_superuser or any(has_role(user, role) for role in roles)
        )

    return check


def _django_admin(user) -> bool:
    return user.is_active and user.is_staff


GROUPS: dict[str, Promise] = {
    "teaching": _("Teaching"),
    "library": _("Library"),
    "units": _("My units"),
    "administration": _("Administration"),
    "learning": _("Learning"),
}

# Order inside a group is the order on the page; staff groups come before learning.
TOOLS: list[Tool] = [
    Tool(
        "classes",
        "teaching",
        _("Classes"),
        _("Rosters, sessions, attendance, login cards and class reports."),
        "classes:index",
        _has_role(Role.INSTRUCTOR, Role.UNIT_MANAGER, Role.ADMINISTRATOR),
    ),
    Tool(
        "live",
        "teaching",
        _("Start a live class"),
        _("Show questions on the projector; learners answer on their phones."),
        "live:start",
        _has("live.add_livesession"),
    ),
    Tool(
        "quizzes",
        "teaching",
        _("Quizzes and results"),
        _("Build quizzes and see who took them and how they did."),
        "assessments:manage_quizzes",
        _has("assessments.view_quiz"),
    ),
    Tool(
        "bank",
        "teaching",
        _("Question bank"),
        _("Write, review and preview questions."),
        "assessments:bank",
        _has("assessments.view_question"),
    ),
    Tool(
        "import",
        "teaching",
        _("Import questions"),
        _("Add many questions at once from an Excel, GIFT or Moodle XML file."),
        "assessments:import",
        _has("assessments.add_question"),
    ),
    Tool(
        "grading",
        "teaching",
        _("Answers to grade"),
        _("Short answers waiting for a teacher's mark."),
        "assessments:grading",
        _has("assessments.grade_attempt"),
    ),
    Tool(
        "print_certificates",
        "teaching",
        _("Print a class's certificates"),
        _("One PDF with the certificates of a class, ready to print."),
        "certificates:print_class",
        _has("certificates.print_certificates"),
    ),
    Tool(
        "library_admin",
        "library",
        _("Library administration"),
        _("Write guides and lessons, review what is waiting for approval."),
        "wagtailadmin_home",
        _has("wagtailadmin.access_admin"),
    ),
    Tool(
        "units",
        "units",
        _("Units, villages and residential groups"),
        _("Your unit and the villages or residential groups under it."),
        "units:manage",
        manages_any_unit,
    ),
    Tool(
        "people",
        "units",
        _("People in my units (password reset codes)"),
        _("Find a resident and give them a code to reset a forgotten password."),
        "accounts:manage_people",
        manages_any_unit,
    ),
    Tool(
        "movement",
        "units",
        _("Movement dashboard: targets and residential groups"),
        _("How far your unit is from its targets, and which villages are behind."),
        "movement:index",
        manages_any_unit,
    ),
    Tool(
        "export_certificates",
        "units",
        _("Export certificates"),
        _("The certificates issued in your units, as CSV or Excel."),
        "certificates:export",
        _has("certificates.export_certificates"),
    ),
    Tool(
        "audit",
        "units",
        _("Audit trail"),
        _("Who changed roles, issued reset codes, published or exported, and when."),
        "audit:trail",
        can_read_trail,
    ),
    Tool(
        "django_admin",
        "administration",
        _("System administration"),
        _("Accounts, roles and settings."),
        "admin:index",
        _django_admin,
    ),
    Tool(
        "processing_register",
        "administration",
        _("Processing register"),
        _("Which personal data the platform keeps, why, who sees it and for how long."),
        "privacy:register",
        _has_role(Role.ADMINISTRATOR),
    ),
    Tool(
        "quiz_list",
        "learning",
        _("Take a quiz"),
        _("Check what you have learnt and earn a certificate."),
        "assessments:quiz_list",
        _signed_in,
    ),
    Tool(
        "my_classes",
        "learning",
        _("My classes"),
        _("The classes you are on the list of, and your attendance."),
        "classes:mine",
        _signed_in,
    ),
    Tool(
        "join_live",
        "learning",
        _("Join a class"),
        _("Enter the code your teacher shows on the screen."),
        "live:join",
        _signed_in,
    ),
    Tool(
        "my_data",
        "learning",
        _("My personal data"),
        _("Get a copy of everything kept about you, or erase your account."),
        "privacy:my_data",
        _signed_in,
    ),
]


def register_tool(tool: Tool) -> None:
    """For an app above lms (which lms never names) to add its own tool, from
    its AppConfig.ready(); registering the same key again replaces it. The
    answers of ``allowed`` are kept in the session (``tools_for_request``): a
    check that reads rows of its own must bump the permissions generation
    when they change (``admin_access.permissions_changed``)."""
    TOOLS[:] = [known for known in TOOLS if known.key != tool.key] + [tool]


TOOLS_SESSION_KEY = "hvs_tool_keys"


def tools_for_request(request) -> list[tuple[Promise, list[Tool]]]:
    """``tools_for`` the signed-in visitor, the answers kept in the session
    under the permissions generation (admin_access.kept_in_session, as the
    role names are): the same on every request of a learner, worked out again
    once a role, a permission, a team membership, an ambassador or the user's
    own unit or status changes."""
    from .admin_access import kept_in_session, known_roles

    user = request.user
    known_roles(request)
    allowed = kept_in_session(
        request,
        TOOLS_SESSION_KEY,
        lambda: [tool.key for tool in TOOLS if tool.allowed(user)],
        also=[user.is_superuser, user.is_staff, user.is_active, user.home_unit_id],
    )
    return tools_for(user, allowed=set(allowed))


def tools_for(user, allowed: set[str] | None = None) -> list[tuple[Promise, list[Tool]]]:
    """The user's tools, grouped; groups without a tool are left out.
    ``allowed``: the keys already known to be allowed (tools_for_request)."""
    grouped = []
    for group, title in GROUPS.items():
        tools = [
            tool
            for tool in TOOLS
            if tool.group == group
            and (tool.key in allowed if allowed is not None else tool.allowed(user))
        ]
        if tools:
            grouped.append((title, tools))
    return grouped
