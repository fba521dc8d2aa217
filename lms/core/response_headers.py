"""Header checks the middleware of every response makes."""


def has_header(response, lowercase_name: str) -> bool:
    """``response.has_header(name)``, without the KeyError that Django's
    case-insensitive mapping raises and catches for every header a response does
    not have (each costs about as much as setting a header). Falls back to
    Django's method should the mapping ever keep its headers otherwise."""
    store = getattr(response.headers, "_store", None)
    if isinstance(store, dict):
        return lowercase_name in store
    return response.has_header(lowercase_name)
