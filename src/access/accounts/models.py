"""Users, roles and grants. Grants are data: ``restrict(user, action)`` reads them."""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from access.accounts.choices import AccountStatus, GrantScope


class Role(models.Model):
    slug = models.SlugField("key", max_length=50, unique=True)
    name = models.CharField("name", max_length=100, unique=True)
    description = models.TextField("description", blank=True)
    home_queue = models.CharField(
        "home work queue", max_length=50, blank=True, help_text="Which queue the home page shows."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Grant(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="grants")
    permission = models.CharField(
        "permission", max_length=100, help_text="app_label.action_model, e.g. agencies.view_agency"
    )
    scope = models.CharField("scope", max_length=20, choices=GrantScope.choices())

    class Meta:
        ordering = ["role", "permission"]
        constraints = [
            models.UniqueConstraint(fields=["role", "permission"], name="unique_role_permission")
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.permission} ({self.scope})"


class User(AbstractUser):
    """An account. Never deleted (usernames are not reused); disabled instead."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="agency",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        help_text="Every account belongs to one agency.",
    )
    roles = models.ManyToManyField(Role, verbose_name="roles", related_name="users", blank=True)
    status = models.CharField(
        "status", max_length=20, choices=AccountStatus.choices(), default=AccountStatus.PENDING
    )
    requested_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField("approved", null=True, blank=True)
    session_epoch = models.PositiveIntegerField(
        "session epoch", default=0, help_text="Raised to end every session of the account."
    )
    password_changed_at = models.DateTimeField("password changed", null=True, blank=True)
    must_change_password = models.BooleanField("must change password", default=False)
    disabled_reason = models.CharField("disabled because", max_length=200, blank=True)
    # The account holder's own address (optional): misuse review compares it with the
    # addresses of the people they inquire about (docs/inquiries.md).
    address_street = models.CharField("street address", max_length=200, blank=True)
    address_city = models.CharField("city", max_length=100, blank=True)
    address_state = models.CharField("state", max_length=2, blank=True)
    address_postcode = models.CharField("ZIP code", max_length=10, blank=True)

    objects: ClassVar[UserManager[User]] = UserManager()  # type: ignore[assignment]

    agency_scope: ClassVar[str] = "agency"

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def _grants(self) -> dict[str, str]:
        scopes: dict[str, str] = {}
        for permission, scope in Grant.objects.filter(role__users=self).values_list(
            "permission", "scope"
        ):
            if scopes.get(permission) != GrantScope.ALL:
                scopes[permission] = scope
        return scopes

    def grant_scope(self, permission: str) -> str | None:
        if not self.is_active or self.status != AccountStatus.ACTIVE:
            return None
        return self._grants.get(permission)

    def can(self, permission: str) -> bool:
        return self.grant_scope(permission) is not None

    @property
    def address_display(self) -> str:
        parts = (self.address_street, self.address_city, self.address_state, self.address_postcode)
        return ", ".join(p for p in parts if p)

    @cached_property
    def role_slugs(self) -> list[str]:
        return list(self.roles.values_list("slug", flat=True))


class UserSession(models.Model):
    """Server-side sessions of a user, so that they can all be ended at once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    source_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"session of {self.user} since {self.created_at:%Y-%m-%d %H:%M}"
