"""Replay servers broken on purpose, one way each, to prove the contract suite catches them."""

import dataclasses

from scripts.replay.app import Answer, ReplayApp
from scripts.wsgi import IncomingRequest


class IgnoresToken(ReplayApp):
    def accepts_token(self, request: IncomingRequest) -> bool:
        return True


class IgnoresVersion(ReplayApp):
    def answer(self, request: IncomingRequest) -> Answer:
        return super().answer(dataclasses.replace(request, headers={**request.headers, "version": "2021-07-28"}))


class UnauthorizedWithoutError(ReplayApp):
    def answer(self, request: IncomingRequest) -> Answer:
        answer = super().answer(request)
        if answer.status != 401:
            return answer
        return dataclasses.replace(answer, body={k: v for k, v in answer.body.items() if k != "error"})


class Undocumented422(ReplayApp):
    """Answers a bad request with 422, as other HighLevel endpoints do, instead of the documented 400."""

    def answer(self, request: IncomingRequest) -> Answer:
        answer = super().answer(request)
        if answer.status != 400:
            return answer
        return Answer(422, {"statusCode": 422, "message": ["companyId should not be empty"], "error": "Unprocessable"})


class SuccessDropsAField(ReplayApp):
    """Answers a success without the first field of its body (`snapshots`, `data`, `id`)."""

    def answer(self, request: IncomingRequest) -> Answer:
        answer = super().answer(request)
        if not 200 <= answer.status < 300:
            return answer
        dropped = next(iter(answer.body))
        return dataclasses.replace(answer, body={k: v for k, v in answer.body.items() if k != dropped})
