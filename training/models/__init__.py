"""Training (粤民发〔2018〕170号 二(五)): annual plans per organiser level, sessions, attendance, certificates,
compliance snapshots and worker assessment.

Plans and sessions belong to their organiser's region (province, city or county). Attendance, certificates,
compliance and assessment are per worker (`staffing.Worker`) and are scoped by the worker's region.
"""

from .attendance import Attendance, Certificate, Invitation
from .compliance import Assessment, OrganiserCompliance, WorkerCompliance
from .plans import PlannedTraining, TrainingPlan, TrainingSession
from .prior import PriorTraining

__all__ = [
    "Assessment",
    "Attendance",
    "Certificate",
    "Invitation",
    "OrganiserCompliance",
    "PlannedTraining",
    "PriorTraining",
    "TrainingPlan",
    "TrainingSession",
    "WorkerCompliance",
]
