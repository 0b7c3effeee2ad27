"""The back office's pages: each page module adds its router to ``ROUTERS`` (one line each)."""

from fastapi import APIRouter

ROUTERS: list[APIRouter] = []
