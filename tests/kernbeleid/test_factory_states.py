"""ProjectFactory(step=N) leaves a project as the workflow would: on step N, with the work of
every earlier step done, so their guards are met."""

import pytest

from kernbeleid import workflow
from kernbeleid.workflow import selectors
from tests.factories import ProjectFactory


@pytest.mark.parametrize("step", range(1, 13))
def test_a_project_in_a_workflow_state(world, step):
    project = ProjectFactory(gemeente=world.gemeente, step=step)
    assert project.current_step == step
    records = {record.step: record for record in project.step_records.all()}
    assert sorted(records) == list(range(1, 13))
    assert all(records[s].completed_at for s in range(1, step))
    assert records[step].started_at and not records[step].completed_at
    assert sorted(project.raad_decisions.values_list("step", flat=True)) == sorted(
        s for s in workflow.RAAD_STEPS if s < step
    )
    for earlier in range(1, step):
        project.current_step = earlier  # in memory only: the guards of that step
        assert selectors.blockers(project, with_decision=False) == [], earlier
