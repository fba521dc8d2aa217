from .framework import Competency, CompetencyArea, FrameworkVersion

__all__ = ["Competency", "CompetencyArea", "FrameworkVersion"]
