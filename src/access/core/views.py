"""Declarative generic views: a list, a detail and an edit view over a scoped queryset."""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views import View
from django_tables2 import RequestConfig

from access.core import auditlog
from access.core.exports import FORMATS, rows_to_response

# The most rows a list page shows at once, whatever ``?per_page=`` asks for.
MAX_LIST_PAGE_SIZE = 100


def bounded_list_request(request: HttpRequest) -> HttpRequest:
    """The request with ``?per_page=`` held to 1..MAX_LIST_PAGE_SIZE (django-tables2 would
    otherwise paginate by any number it is given, including every row at once)."""
    raw = request.GET.get("per_page")
    if raw is None:
        return request
    query = request.GET.copy()
    asked = int(raw) if raw.isdigit() and len(raw) <= 6 else MAX_LIST_PAGE_SIZE
    query["per_page"] = str(min(max(asked, 1), MAX_LIST_PAGE_SIZE))
    bounded = copy.copy(request)
    bounded.GET = query  # type: ignore[assignment]
    return bounded


class ScopedMixin:
    """Every object comes through ``restrict(user, action)``; out of scope is a 404."""

    model: ClassVar[type[models.Model]]
    action: ClassVar[str] = "view"
    request: HttpRequest

    def scoped(self, action: str | None = None) -> models.QuerySet:
        return self.model.objects.restrict(self.request.user, action or self.action)  # type: ignore[attr-defined]

    def get_object(self, pk: int, action: str | None = None) -> Any:
        try:
            return self.scoped(action).get(pk=pk)
        except (ObjectDoesNotExist, ValueError, TypeError) as missing:
            raise Http404("Not found") from missing

    def require(self, action: str) -> None:
        """Model-level permission for actions without an object (list, create): 404 if absent."""
        opts = self.model._meta
        if not self.request.user.can(f"{opts.app_label}.{action}_{opts.model_name}"):  # type: ignore[union-attr]
            raise Http404("Not found")


class ObjectListView(ScopedMixin, View):
    filterset_class: ClassVar[Any]
    table_class: ClassVar[Any]
    template_name = "core/object_list.html"
    title: ClassVar[str] = ""
    export_name: ClassVar[str] = ""
    per_page = 25

    def get(self, request: HttpRequest) -> HttpResponseBase:
        self.require("view")
        queryset = self.scoped()
        filterset = self.filterset_class(request.GET or None, queryset=queryset, request=request)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
        fmt = request.GET.get("export")
        if fmt:
            return self.export(fmt, rows, filterset)
        table = self.table_class(rows)
        RequestConfig(
            bounded_list_request(request), paginate={"per_page": self.per_page}
        ).configure(table)
        opts = self.model._meta
        can_add = request.user.can(f"{opts.app_label}.add_{opts.model_name}")  # type: ignore[union-attr]
        can_export = request.user.can(f"{opts.app_label}.export_{opts.model_name}")  # type: ignore[union-attr]
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        return render(
            request,
            self.template_name,
            {
                "title": self.title,
                "table": table,
                "filterset": filterset,
                "can_add": can_add,
                "can_export": can_export,
                "export_formats": FORMATS,
                "query": query.urlencode(),
                "add_url": self.add_url if can_add else None,
                "count": rows.count(),
            },
        )

    add_url: ClassVar[str | None] = None

    def export(self, fmt: str, rows: models.QuerySet, filterset: Any) -> HttpResponse:
        if fmt not in FORMATS:
            raise Http404("Unknown export format")
        self.require("export")
        columns = self.table_class.export_columns
        exported = rows.filter(pk__in=self.scoped("export").values("pk"))
        count = exported.count()
        auditlog.record(
            f"{self.model._meta.model_name}.export",
            actor=self.request.user,
            object_type=self.model._meta.label_lower,
            object_repr=f"{count} rows",
            details={
                "format": fmt,
                "filters": {
                    k: v for k, v in self.request.GET.items() if k not in ("export", "page")
                },
                "rows": count,
            },
        )
        return rows_to_response(
            self.export_name,
            fmt,
            list(columns.values()),
            (list(values) for values in exported.values_list(*columns.keys())),
        )


class ObjectDetailView(ScopedMixin, View):
    template_name: ClassVar[str]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk)
        return render(request, self.template_name, {"object": obj, **self.extra_context(obj)})

    def extra_context(self, obj: Any) -> dict[str, Any]:
        return {}


class ObjectEditView(ScopedMixin, View):
    """Create (no pk) or edit (pk) through an audited action function."""

    form_class: ClassVar[Any]
    template_name = "core/object_edit.html"
    action = "change"

    def get_instance(self, pk: int | None) -> models.Model:
        if pk is None:
            self.require("add")
            return self.model()
        return self.get_object(pk, "change")

    def save(self, instance: models.Model, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        instance = self.get_instance(pk)
        return self.render_form(self.form_class(instance=instance), instance)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        instance = self.get_instance(pk)
        fresh = self.model._default_manager.get(pk=pk) if pk else None
        form = self.form_class(request.POST, instance=fresh)
        if form.is_valid():
            try:
                saved = self.save(instance, {f: form.cleaned_data[f] for f in form.fields})
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Saved {saved}.")
                return redirect(saved.get_absolute_url())  # type: ignore[attr-defined]
        return self.render_form(form, instance, status=400)

    def render_form(self, form: Any, instance: models.Model, status: int = 200) -> HttpResponse:
        verb = "Edit" if instance.pk else "New"
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "object": instance if instance.pk else None,
                "title": f"{verb} {self.model._meta.verbose_name}",
            },
            status=status,
        )
