#!/usr/bin/env python3
"""check_api_alerts.py FILE: /api/v1/alerts lists the two 2025 misses as firing, with Chinese annotations that give
the value, the target and the responsible units."""
import json, sys

alerts = json.load(open(sys.argv[1], encoding="utf-8"))["data"]["alerts"]
miss = {a["labels"]["indicator"]: a for a in alerts if a["labels"]["alertname"] == "EduplanTargetMissed" and a["state"] == "firing"}
assert set(miss) == {"kindergarten_enrolment_public", "migrant_children_public_school", "vocational_graduates_higher_education"}, sorted(miss)
d = miss["kindergarten_enrolment_public"]["annotations"]["description"]
assert "2025年公办幼儿园在园幼儿占比为71%，未达到年度目标（不低于72%）" in d, d
assert "牵头单位：区发改局；配合单位：区教育局、区财政局、资规分局、区卫健局" in d, d
# no alerting.data_as_of in the tests' configuration: the files' modification time, told as what it is
assert "评估时间" in d and "数据文件更新于" in d and "数据截至" not in d, d
d = miss["vocational_graduates_higher_education"]["annotations"]["description"]
assert "69%" in d and "不低于70%" in d and "牵头单位：区教育局；配合单位：区人力社保局" in d, d
for a in alerts:
    for k, v in a["annotations"].items():
        assert "「" not in v and "」" not in v, (k, v)
    # no external URL configured in the tests' configuration: no link
    assert "link" not in a["annotations"], a["annotations"]
