"""Replay servers broken on purpose, one way each, to prove the contract suite catches them."""

import dataclasses

from scripts.stand_ins.replay import ReplayApp
from scripts.wsgi import Answer, IncomingRequest


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
        return answer.with_json({k: v for k, v in answer.json().items() if k != "error"})


class Undocumented422(ReplayApp):
    """Answers a bad request with 422, as other HighLevel endpoints do, instead of the documented 400."""

    def answer(self, request: IncomingRequest) -> Answer:
        answer = super().answer(request)
        if answer.status != 400:
            return answer
        return Answer.of_json(
            422, {"statusCode": 422, "message": ["companyId should not be empty"], "error": "Unprocessable"}
        )


class SuccessDropsAField(ReplayApp):
    """Answers a success without the first field of its body (`snapshots`, `data`, `id`)."""

    def answer(self, request: IncomingRequest) -> Answer:
        answer = super().answer(request)
        if not 200 <= answer.status < 300:
            return answer
        body = answer.json()
        dropped = next(iter(body))
        return answer.with_json({k: v for k, v in body.items() if k != dropped})
