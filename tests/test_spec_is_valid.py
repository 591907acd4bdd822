import copy
from typing import Any

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from scripts.spec import spec_document


def test_the_spec_is_valid_openapi_3_0() -> None:
    document = spec_document()
    assert document["openapi"].startswith("3.0.")
    validate(document)


def _without_response_description(document: dict[str, Any]) -> None:
    del document["paths"]["/snapshots/"]["get"]["responses"]["200"]["description"]


def _parameter_without_location(document: dict[str, Any]) -> None:
    del document["components"]["parameters"]["companyId"]["in"]


@pytest.mark.parametrize("breakage", [_without_response_description, _parameter_without_location])
def test_the_validator_rejects_a_broken_copy_of_the_spec(breakage: Any) -> None:
    broken = copy.deepcopy(spec_document())
    breakage(broken)
    with pytest.raises(OpenAPIValidationError):
        validate(broken)
