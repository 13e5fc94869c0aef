"""Reading the spreadsheets city staff already have: detect the dataset, validate, normalise to won."""

from .contract import DATASETS, Column, Dataset, Kind
from .load import LoadResult, load_file
from .problems import Problem

__all__ = ["DATASETS", "Column", "Dataset", "Kind", "LoadResult", "Problem", "load_file"]
