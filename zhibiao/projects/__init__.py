"""重大项目: a project list tracked by node and investment — 三色 lights, 开工率 / 竣工率 / 投资完成率, 赛马.

dates (时间节点 as clerks type them) → reader (the list: `read_projects(book, period)` → ProjectList of Project
records) → rules (设置) → status (one light per project) → rates (regions, cohorts) → rank (赛马) → report
(ProjectsReport, projects_file) → write (the write-back plan) and terminal (the rich tables).
"""

from .dates import NodeDate, parse_node
from .rates import Rates
from .reader import CATEGORIES, Project, ProjectList, read_projects
from .report import ProjectsReport, projects_file, projects_workbook
from .rules import ProjectRules, load_project_rules
from .sheets import project_sheets
from .status import ProjectStatus, evaluate


def __getattr__(name: str):
    """plan_projects loads the write-back modules only when asked for."""
    if name == "plan_projects":
        from .write import plan_projects

        return plan_projects
    raise AttributeError(f"module 'zhibiao.projects' has no attribute {name!r}")


__all__ = ["CATEGORIES", "NodeDate", "Project", "ProjectList", "ProjectRules", "ProjectStatus", "ProjectsReport", "Rates",
           "evaluate", "load_project_rules", "parse_node", "plan_projects", "project_sheets", "projects_file",
           "projects_workbook", "read_projects"]
