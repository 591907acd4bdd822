"""The name of the shared response a patch adds for an undocumented status: `<Phrase>`, its schema
`<Phrase>DTO` (`Forbidden`, `ForbiddenDTO`), from the status's reason phrase as written here.

Not from the interpreter's `http.HTTPStatus`: Python 3.13 renamed some phrases after RFC 9110 (422
"Unprocessable Entity" became "Unprocessable Content", 413, 414 and 416 too), so the same drift
would be named by the Python that ran it, and a patch made on one Python would add a second shared
response beside the one a patch made on another had added. These are the phrases of Python 3.11,
the ones the patches have been named with from the start; 422's is also the `error` NestJS, under
HighLevel's API, answers with.
"""

PHRASES = {
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    411: "Length Required",
    412: "Precondition Failed",
    413: "Request Entity Too Large",
    414: "Request-URI Too Long",
    415: "Unsupported Media Type",
    416: "Requested Range Not Satisfiable",
    417: "Expectation Failed",
    418: "I'm a Teapot",
    421: "Misdirected Request",
    422: "Unprocessable Entity",
    423: "Locked",
    424: "Failed Dependency",
    425: "Too Early",
    426: "Upgrade Required",
    428: "Precondition Required",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
}


def status_phrase(status: int) -> str:
    """The reason phrase a patch writes for the status: `Status 499` for one without a phrase here."""
    return PHRASES.get(status, f"Status {status}")


def response_name(status: int) -> str:
    """The phrase as a name: `Unprocessable Entity` -> `UnprocessableEntity`."""
    words = status_phrase(status).replace("-", " ").split()
    return "".join(word[:1].upper() + word[1:] for word in words)
