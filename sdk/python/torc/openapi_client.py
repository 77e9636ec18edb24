"""The API's models and `DefaultApi` under the names Torc users import them by.

    from torc.openapi_client import DefaultApi, JobModel, WorkflowModel

Every model class of the generated SDK (`torc_client.models`) is here, plus `DefaultApi`,
`ApiClient`, `Configuration`, `ApiError`, and `UNSET`/`Unset` (the value of a model field that is absent). Each model shows as
an HTML table in a notebook (`_repr_html_`).
"""

import torc_client.models as _models
from torc.api import DefaultApi
from torc.configuration import ApiClient, Configuration
from torc.display import enable_html_for
from torc.errors import ApiError
from torc_client.models import *  # noqa: F403
from torc_client.models import __all__ as _model_names
from torc_client.types import UNSET, Unset

__all__ = [
    *_model_names,
    "UNSET",
    "ApiClient",
    "ApiError",
    "Configuration",
    "DefaultApi",
    "Unset",
]

for _name in _model_names:
    enable_html_for(getattr(_models, _name))
