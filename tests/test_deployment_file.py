"""prefect.yaml (for teams with their own server) points at the real flow with a valid schedule."""

import importlib

import yaml

from conftest import ROOT


def test_prefect_yaml_deployment_matches_the_flow():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (dep,) = spec["deployments"]
    path, name = dep["entrypoint"].split(":")
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    flow = getattr(module, name)
    assert flow.name == "build_briefing"
    assert set(dep["parameters"]) <= set(flow.parameters.properties)
    (schedule,) = dep["schedules"]
    from prefect.client.schemas.schedules import CronSchedule

    CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])  # raises on a bad cron or time zone
    assert dep["work_pool"]["name"]
