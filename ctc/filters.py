import django_filters


class SelectorFilterSet(django_filters.FilterSet):
    """Validates and documents a list's query parameters; the selector does the filtering.

    Subclasses declare filters with `method="_noop"` and map cleaned values onto the
    selector's keyword arguments in `selector_kwargs()`.
    """

    def _noop(self, queryset, name, value):
        return queryset

    def selector_kwargs(self) -> dict:
        raise NotImplementedError
