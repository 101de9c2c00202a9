"""CLI contract: advise on a governance form from a few network characteristics."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from netwerkregie.governance.advice import advise


class Command(BaseCommand):
    help = "Advise shared governance, lead organisation, NAO or the hybrid form (Provan & Kenis 2008; seed 000)."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, required=True)
        parser.add_argument("--trust-density", type=float, required=True)
        parser.add_argument("--goal-consensus", type=float, required=True)
        parser.add_argument("--competency-need", type=float, required=True)
        parser.add_argument("--centralization", type=float, default=None)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        try:
            advice = advise(
                participants=opts["participants"],
                trust_density=opts["trust_density"],
                goal_consensus=opts["goal_consensus"],
                competency_need=opts["competency_need"],
                centralization=opts["centralization"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        data = advice.as_dict()
        if opts["json"]:
            self.stdout.write(json.dumps(data))
            return
        self.stdout.write(f"recommended: {data['recommended'] or 'tie: ' + ', '.join(data['tied'])}")
        for form, score in data["scores"].items():
            self.stdout.write(f"  {form:20} {score:.3f}")
        for reason in data["reasons"] + data["notes"]:
            self.stdout.write(f"- {reason}")
