"""What people do on the site, as Locust users: search, click facets, open documents, call the API.

Run by `make load` (bench/load.py) against a local server only; never point it at another host.
"""

from __future__ import annotations

import random

from locust import HttpUser, between, task

QUERIES = [
    "tuyên giáo",
    "tuyen giao",
    "hội nghị tổng kết",
    "hoi nghi",
    "chi thi 05",
    "ct 05",
    "05-CT/TW",
    "báo cáo viên",
    "giao ban quý II",
    "dư luận xã hội",
    "học tập và làm theo",
    "Nghị quyết Trung ương 4",
    "Nam Trực",
    "nam dinh",
    "thong tin doi ngoai",
    '"công tác tuyên giáo"',
    "đảng ủy -covid",
    "Thanh Hóa OR Nghệ An",
    "",
]
PROVINCES = ["Hà Nội", "Nam Định", "Thanh Hóa", "Nghệ An", "Quảng Ninh", "Hưng Yên", "Bắc Kạn", "Hồ Chí Minh"]
YEARS = [str(y) for y in range(2015, 2026)]


class Reader(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.doc_ids: list[str] = []

    def _remember(self, response) -> None:  # noqa: ANN001 - locust's response type
        try:
            hits = response.json().get("hits", [])
        except ValueError:
            return
        self.doc_ids = ([h["id"] for h in hits] + self.doc_ids)[:50]

    @task(5)
    def search_page(self) -> None:
        self.client.get("/search", params={"q": random.choice(QUERIES)}, name="/search")

    @task(3)
    def facet_click(self) -> None:
        params = [("q", random.choice(QUERIES)), ("province", random.choice(PROVINCES))]
        if random.random() < 0.5:
            params.append(("province", random.choice(PROVINCES)))
        if random.random() < 0.5:
            params.append(("year", random.choice(YEARS)))
        self.client.get("/search", params=params, headers={"HX-Request": "true"}, name="/search (htmx facets)")

    @task(3)
    def json_api(self) -> None:
        params = {"q": random.choice(QUERIES), "sort": random.choice(["relevance", "newest"])}
        with self.client.get("/search.json", params=params, name="/search.json", catch_response=True) as r:
            if r.status_code == 200:
                self._remember(r)
                r.success()

    @task(2)
    def document(self) -> None:
        if not self.doc_ids:
            return self.json_api()
        self.client.get(f"/doc/{random.choice(self.doc_ids)}", name="/doc/[id]")
        return None

    @task(1)
    def suggest(self) -> None:
        self.client.get("/suggest", params={"q": random.choice(["hội", "tuyên", "ban t", "chi"])}, name="/suggest")
