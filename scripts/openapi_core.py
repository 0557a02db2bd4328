#!/usr/bin/env python3
"""Writes src/server/openapi.json for the core routes.

The document is committed; tests/server/openapi_test.cc checks that it lists
exactly the routes the server registers. Subsystems add their paths to the
JSON file directly (or extend this script) when they add routes.
"""
import json
import sys

def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}

def body(schema):
    return {"required": True, "content": {"application/json": {"schema": schema}}}

def ok(schema, code="200", desc="成功"):
    return {code: {"description": desc, "content": {"application/json": {"schema": schema}}}}

ERR = {"$ref": "#/components/responses/Error"}

def op(summary, tag, responses, request=None, public=False, params=None):
    o = {"summary": summary, "tags": [tag], "responses": {**responses, "default": ERR}}
    if request:
        o["requestBody"] = body(request)
    if public:
        o["security"] = []
    if params:
        o["parameters"] = params
    return o

ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
obj = lambda props, req=None: {"type": "object", "properties": props, **({"required": req} if req else {})}
S = {"type": "string"}
I = {"type": "integer"}
B = {"type": "boolean"}

schemas = {
    "Error": obj({"error": obj({"code": S, "message": S}, ["code", "message"])}, ["error"]),
    "User": obj({"id": I, "name": S, "display_name": S, "role": S, "role_label": S, "unit_id": I,
                 "unit_name": S, "phone": S, "active": B, "created_at": S}),
    "Session": obj({"user": ref("User"), "csrf_token": S}, ["user", "csrf_token"]),
    "Unit": obj({"id": I, "parent_id": I, "name": S, "kind": S, "kind_label": S, "sort_order": I, "active": B}),
    "Organization": obj({"name": S, "short_name": S, "region": S}, ["name"]),
    "AuditEntry": obj({"id": I, "at": S, "actor_name": S, "action": S, "entity": S, "entity_id": S,
                       "before": {}, "after": {}}),
}

paths = {
    "/api/v1/openapi.json": {"get": op("OpenAPI 文档", "meta", ok({"type": "object"}), public=True)},
    "/api/v1/session": {
        "post": op("登录", "session", ok(ref("Session")),
                   obj({"name": S, "password": S}, ["name", "password"]), public=True),
        "get": op("当前会话", "session", ok(ref("Session"))),
        "delete": op("退出登录", "session", ok({"type": "object"})),
    },
    "/api/v1/me/password": {"put": op("修改本人密码", "session", ok({"type": "object"}),
                                      obj({"old_password": S, "new_password": S}, ["old_password", "new_password"]))},
    "/api/v1/dashboard": {"get": op("首页概况", "dashboard", ok({"type": "object"}))},
    "/api/v1/roles": {"get": op("角色列表", "org", ok(obj({"roles": {"type": "array", "items": obj({"name": S, "label": S})}})))},
    "/api/v1/organization": {
        "get": op("单位信息", "org", ok(ref("Organization"))),
        "put": op("修改单位信息（管理员）", "org", ok(ref("Organization")), ref("Organization")),
    },
    "/api/v1/units": {
        "get": op("组织机构列表", "org", ok(obj({"units": {"type": "array", "items": ref("Unit")}})),
                  params=[{"name": "include_inactive", "in": "query", "schema": S}]),
        "post": op("新增下属单位（管理员）", "org", ok(ref("Unit"), "201", "已创建"),
                   obj({"parent_id": I, "name": S, "kind": S, "sort_order": I}, ["name"])),
    },
    "/api/v1/units/{id}": {
        "put": op("修改下属单位（管理员）", "org", ok(ref("Unit")),
                  obj({"parent_id": I, "name": S, "kind": S, "sort_order": I, "active": B}, ["name"]), params=ID),
        "delete": op("删除下属单位（管理员）", "org", ok({"type": "object"}), params=ID),
    },
    "/api/v1/users": {
        "get": op("用户列表（管理员、领导）", "org", ok(obj({"users": {"type": "array", "items": ref("User")}}))),
        "post": op("新增用户（管理员）", "org", ok(ref("User"), "201", "已创建"),
                   obj({"name": S, "display_name": S, "role": S, "unit_id": I, "phone": S, "password": S},
                       ["name", "role", "password"])),
    },
    "/api/v1/users/{id}": {"put": op("修改用户（管理员）", "org", ok(ref("User")),
                                     obj({"display_name": S, "role": S, "unit_id": I, "phone": S, "active": B}), params=ID)},
    "/api/v1/users/{id}/password": {"post": op("重置用户密码（管理员）", "org", ok({"type": "object"}),
                                               obj({"password": S}, ["password"]), params=ID)},
    "/api/v1/audit": {"get": op("审计日志（管理员、领导）", "audit",
                                ok(obj({"entries": {"type": "array", "items": ref("AuditEntry")}, "total": I})),
                                params=[{"name": n, "in": "query", "schema": t} for n, t in
                                        (("entity", S), ("limit", I), ("offset", I))])},
}

doc = {
    "openapi": "3.0.3",
    "info": {"title": "Minyi 民意 API", "version": "0.1.0",
             "description": "所有请求与应答均为 JSON。登录后，修改数据的请求须带 X-CSRF-Token 请求头。"},
    "servers": [{"url": "/"}],
    "security": [{"session": []}],
    "paths": paths,
    "components": {
        "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "minyi_session"}},
        "schemas": schemas,
        "responses": {"Error": {"description": "错误",
                                "content": {"application/json": {"schema": ref("Error")}}}},
    },
}

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "src/server/openapi.json"
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")
