"""A form page that runs one audited action on an object the user may see (404 otherwise)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from access.core.views import ScopedMixin


def attach(form: Any, error: ValidationError) -> None:
    """Show a refusal on the form: each message on its field, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.message_dict.items():
        for message in problems:
            form.add_error(name if name in form.fields else None, message)


class ActionFormView(ScopedMixin, View):
    """GET shows ``form_class``; POST runs ``perform`` and redirects to what it returns."""

    template_name = "core/object_edit.html"
    title: ClassVar[str] = ""
    done: ClassVar[str] = "Saved."

    def allowed(self, obj: Any) -> bool:
        raise NotImplementedError

    def make_form(self, obj: Any, data: Any = None) -> Any:
        raise NotImplementedError

    def perform(self, obj: Any, form: Any) -> Any:
        raise NotImplementedError

    def target(self, request: HttpRequest, **kwargs: Any) -> Any:
        obj = self.get_object(kwargs["pk"])
        if not self.allowed(obj):
            raise Http404("Not found")
        return obj

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self.target(request, **kwargs)
        return self.show(obj, self.make_form(obj))

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self.target(request, **kwargs)
        form = self.make_form(obj, request.POST)
        if form.is_valid():
            try:
                result = self.perform(obj, form)
            except ValidationError as error:
                attach(form, error)
            else:
                messages.success(request, self.done)
                return redirect(result.get_absolute_url())
        return self.show(obj, form, status=400)

    def parent(self, obj: Any) -> Any:
        """The page Cancel returns to."""
        return obj

    def show(self, obj: Any, form: Any, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {"form": form, "parent": self.parent(obj), "title": self.title.format(obj=obj)},
            status=status,
        )
