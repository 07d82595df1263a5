#!/usr/bin/env python3
"""Writes src/main/resources/demo/cmdb.yaml: the demo's CMDB, a few hundred CIs behind the demo
services, deterministic (run it again after changing it: the same input gives the same file)."""
import random
from pathlib import Path

random.seed(21)
cis = []


def ci(key, cls, name, owner, attributes, relations=(), services=(), criticality="medium", lifecycle="live"):
    row = {"key": key, "class": cls, "name": name, "ownerGroup": owner, "lifecycle": lifecycle,
           "criticality": criticality, "attributes": attributes,
           "relations": [{"type": t, "to": to} for t, to in relations], "services": list(services)}
    cis.append(row)
    return key


sites = {
    "site-berlin-hq": ("Berlin head office", "Berlin", "office"),
    "site-hamburg": ("Hamburg office", "Hamburg", "office"),
    "site-munich": ("Munich office", "Munich", "office"),
    "site-dc-frankfurt": ("Frankfurt data centre", "Frankfurt", "data-centre"),
    "site-dc-dusseldorf": ("Düsseldorf data centre", "Düsseldorf", "data-centre"),
}
for key, (name, city, kind) in sites.items():
    ci(key, "site", name, "facilities", {"city": city, "country": "DE", "kind": kind},
       services=["building"] if kind == "office" else [], criticality="high" if kind == "data-centre" else "medium")

offices = [k for k, v in sites.items() if v[2] == "office"]
dcs = [k for k, v in sites.items() if v[2] == "data-centre"]

# Network: a core pair and a firewall per data centre, a VPN gateway, a distribution switch and access points per office.
core = []
for dc in dcs:
    short = dc.split("-")[-1][:3]
    for n in (1, 2):
        core.append(ci(f"net-core-{short}-{n}", "network-device", f"Core switch {short.upper()} {n}", "network",
                       {"kind": "switch", "model": "Arista 7280R", "ports": 48, "managementIp": f"10.{len(core)}.0.1"},
                       [("located-at", dc)], ["network"], "high"))
    ci(f"net-fw-{short}", "network-device", f"Firewall {short.upper()}", "network",
       {"kind": "firewall", "model": "FortiGate 600E", "ports": 16}, [("located-at", dc)] +
       [("connects-to", c) for c in core[-2:]], ["network"], "high")
vpn = ci("net-vpn-gw", "network-device", "VPN gateway", "network", {"kind": "vpn-gateway", "model": "FortiGate 200F"},
         [("located-at", dcs[0]), ("connects-to", "net-fw-fra")], ["vpn"], "high")
access = {}
for office in offices:
    short = office.split("-")[1]
    dist = ci(f"net-dist-{short}", "network-device", f"Distribution switch {short.title()}", "network",
              {"kind": "switch", "model": "Catalyst 9300", "ports": 48},
              [("located-at", office), ("connects-to", core[0]), ("connects-to", core[2])], ["network"], "high")
    access[office] = []
    for n in range(1, 7):
        access[office].append(ci(f"net-ap-{short}-{n:02d}", "network-device", f"Access point {short.title()} {n}",
                                 "network", {"kind": "access-point", "model": "Aruba 515"},
                                 [("located-at", office), ("connects-to", dist)], ["network"], "low"))

# Hypervisors in the data centres; virtual servers run on them.
hosts = []
for dc in dcs:
    short = dc.split("-")[-1][:3]
    for n in range(1, 7):
        hosts.append(ci(f"esx-{short}-{n:02d}", "server", f"Hypervisor {short.upper()} {n}", "network",
                        {"hostname": f"esx{n:02d}.{short}.corp", "os": "vmware-esxi", "cpus": 64, "memoryGb": 768,
                         "virtual": False, "warrantyUntil": f"202{8 + n % 2}-0{n % 9 + 1}-28"},
                        [("located-at", dc), ("connects-to", f"net-core-{short}-{1 + n % 2}")], [], "high"))


def vm(key, name, os, cpus, memory, owner, services=(), criticality="medium"):
    return ci(key, "server", name, owner, {"hostname": f"{key}.corp", "os": os, "cpus": cpus, "memoryGb": memory,
                                           "virtual": True}, [("runs-on", random.choice(hosts))], services, criticality)


def database(key, name, engine, size, host, owner, criticality="high"):
    return ci(key, "database", name, owner, {"engine": engine, "version": {"postgresql": "16", "oracle": "19c",
                                                                           "mssql": "2022", "mysql": "8.0"}[engine],
                                             "sizeGb": size, "replicated": criticality == "high"},
              [("runs-on", host)], [], criticality)


def app(key, name, hosting, owner, runs_on=(), depends_on=(), services=(), criticality="medium", vendor=None, version=None):
    attributes = {"hosting": hosting}
    if vendor:
        attributes["vendor"] = vendor
    if version:
        attributes["version"] = version
    return ci(key, "application", name, owner, attributes,
              [("runs-on", s) for s in runs_on] + [("depends-on", d) for d in depends_on], services, criticality)


# Shared platform: directory, DNS, monitoring and backup, used by most applications.
dc_servers = [vm(f"vm-dc-{n:02d}", f"Domain controller {n}", "windows", 4, 16, "service-desk", criticality="high")
              for n in range(1, 5)]
directory = app("app-directory", "Active Directory", "on-premises", "service-desk", dc_servers, (), (), "high",
                "Microsoft", "2022")
dns = app("app-dns", "Internal DNS", "on-premises", "network", dc_servers[:2], (), ["network"], "high")
sso = app("app-sso", "Single sign-on (Keycloak)", "on-premises", "service-desk",
          [vm(f"vm-sso-{n}", f"SSO node {n}", "linux", 4, 16, "service-desk", criticality="high") for n in (1, 2)],
          [directory, database("db-sso", "SSO database", "postgresql", 20, vm("vm-db-sso", "SSO DB server", "linux",
                                                                                   4, 32, "service-desk"), "service-desk")],
          (), "high", "Red Hat", "24.0")
monitoring = app("app-monitoring", "Monitoring (Prometheus)", "on-premises", "network",
                 [vm("vm-mon-1", "Monitoring server", "linux", 8, 32, "network")], [dns])
backup = app("app-backup", "Backup (Veeam)", "on-premises", "network",
             [vm(f"vm-backup-{n}", f"Backup proxy {n}", "windows", 8, 32, "network") for n in (1, 2, 3)], [directory],
             (), "high", "Veeam", "12")

# E-mail
mail_db = [database(f"db-exchange-{n}", f"Exchange mailbox database {n}", "mssql", 800 + 100 * n,
                    vm(f"vm-exdb-{n}", f"Exchange mailbox server {n}", "windows", 16, 128, "service-owners"),
                    "service-owners") for n in range(1, 5)]
exchange = app("app-exchange", "Exchange Server", "on-premises", "service-owners",
               [vm(f"vm-excas-{n}", f"Exchange front end {n}", "windows", 8, 32, "service-owners") for n in (1, 2)],
               mail_db + [directory, dns], ["email"], "high", "Microsoft", "2019 CU14")
app("app-mail-gateway", "Mail gateway", "on-premises", "network",
    [vm("vm-mailgw-1", "Mail gateway 1", "linux", 4, 8, "network"), vm("vm-mailgw-2", "Mail gateway 2", "linux", 4, 8,
                                                                          "network")],
    [exchange, dns], ["email"], "high")
app("app-calendar-sync", "Calendar sync", "saas", "service-owners", (), [exchange, sso], ["email"])

# VPN
radius = app("app-radius", "RADIUS", "on-premises", "network", [vm("vm-radius-1", "RADIUS server", "linux", 2, 4,
                                                                    "network")], [directory], ["vpn"], "high")
app("app-vpn-portal", "VPN portal", "on-premises", "network", [vm("vm-vpnportal", "VPN portal server", "linux", 2, 4,
                                                                   "network")], [radius, sso], ["vpn"])

# ERP
erp_db = database("db-erp", "ERP database", "oracle", 2400, vm("vm-erp-db-1", "ERP database server", "linux", 32, 512,
                                                               "service-owners", criticality="high"), "service-owners")
erp_db_standby = database("db-erp-standby", "ERP standby database", "oracle", 2400,
                          vm("vm-erp-db-2", "ERP standby server", "linux", 32, 512, "service-owners"),
                          "service-owners")
ci_rel = cis[-1]
ci_rel["relations"].append({"type": "depends-on", "to": erp_db})
erp_app = app("app-erp", "ERP (SAP S/4HANA)", "on-premises", "service-owners",
              [vm(f"vm-erp-app-{n}", f"ERP application server {n}", "linux", 16, 128, "service-owners", criticality="high")
               for n in range(1, 5)], [erp_db, sso, directory], ["erp"], "high", "SAP", "2023")
app("app-erp-reporting", "ERP reporting", "on-premises", "service-owners",
    [vm("vm-erp-bi", "Reporting server", "linux", 8, 64, "service-owners")],
    [erp_app, database("db-erp-bi", "Reporting warehouse", "postgresql", 900, "vm-erp-bi", "service-owners", "medium")],
    ["erp"])
app("app-invoice-scan", "Invoice scanning", "saas", "service-owners", (), [erp_app], ["erp"], "medium", "Esker")
app("app-travel", "Travel booking", "saas", "service-owners", (), [erp_app, sso], ["travel-booking"], "low")

# HR portal
hr_db = database("db-hr", "HR database", "postgresql", 120, vm("vm-hr-db", "HR database server", "linux", 8, 64, "hr"), "hr")
hr = app("app-hr-portal", "HR portal", "on-premises", "hr", [vm(f"vm-hr-web-{n}", f"HR web server {n}", "linux", 4, 16, "hr")
                                                            for n in (1, 2)], [hr_db, sso], ["hr-portal"], "medium")
app("app-payroll", "Payroll", "saas", "hr", (), [hr, erp_app], ["hr-portal"], "high", "DATEV")
app("app-recruiting", "Recruiting", "saas", "hr", (), [hr, sso], ["hr-portal"], "low")

# Printing
print_server = vm("vm-print-1", "Print server", "windows", 4, 16, "service-owners")
app("app-print", "Print management", "on-premises", "service-owners", [print_server], [directory], ["printer"], "low")
for office in offices:
    short = office.split("-")[1]
    for n in range(1, 4):
        ci(f"prn-{short}-{n}", "network-device", f"Printer gateway {short.title()} {n}", "service-owners",
           {"kind": "switch", "model": "Print gateway"}, [("located-at", office), ("connects-to", f"net-dist-{short}")],
           ["printer"], "low")

# Building systems
app("app-access-control", "Door access control", "on-premises", "facilities",
    [vm("vm-access", "Access control server", "windows", 2, 8, "facilities")], [directory], ["building"], "medium")

# Service desk itself, and laptop management
app("app-mdm", "Device management (Intune)", "saas", "service-owners", (), [directory, sso], ["laptop", "mobile-devices"],
    "medium", "Microsoft")
app("app-flowdesk", "FlowDesk", "on-premises", "service-desk",
    [vm("vm-flowdesk-1", "FlowDesk node 1", "linux", 4, 16, "service-desk"),
     vm("vm-flowdesk-2", "FlowDesk node 2", "linux", 4, 16, "service-desk")],
    [database("db-flowdesk", "FlowDesk database", "postgresql", 60, vm("vm-flowdesk-db", "FlowDesk DB server", "linux", 4,
                                                                       32, "service-desk"), "service-desk"), sso, exchange],
    ["other"], "high")

# Laptops and monitors of the staff
people = ["alice", "bob", "nina", "mark", "carl", "hana", "sam", "sofia", "fred", "petra", "bea", "sven", "greta", "andy"]
models = ["Dell Latitude 7450", "Lenovo ThinkPad T14", "Apple MacBook Pro 14", "HP EliteBook 840"]
for n in range(1, 121):
    office = offices[n % len(offices)]
    owner = people[n % len(people)] if n <= len(people) else None
    attributes = {"assetTag": f"LT-{10000 + n}", "model": models[n % len(models)],
                  "purchased": f"202{3 + n % 3}-{n % 12 + 1:02d}-{n % 27 + 1:02d}"}
    if owner:
        attributes["assignedTo"] = owner
    ci(f"lt-{10000 + n}", "laptop", f"Laptop LT-{10000 + n}", "service-desk", attributes,
       [("located-at", office), ("connects-to", random.choice(access[office]))], ["laptop"], "low",
       "retired" if n % 29 == 0 else "live")
for n in range(1, 61):
    office = offices[n % len(offices)]
    attributes = {"assetTag": f"MN-{20000 + n}", "model": "Dell P2723DE", "sizeInches": 27 if n % 3 else 24}
    if n <= len(people):
        attributes["assignedTo"] = people[n - 1]
    ci(f"mn-{20000 + n}", "monitor", f"Monitor MN-{20000 + n}", "service-desk", attributes, [("located-at", office)],
       ["laptop"], "low")

lines = ["# The demo's CMDB: generated by tools/demo/cmdb.py (edit that, then run it), imported once by",
         "# DemoCmdb when FlowDesk first starts with demo data, in the format of /api/cis/import.",
         "configurationItems:"]


def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return '"' + text.replace('"', '\\"') + '"' if any(c in text for c in ":#,[]{}&*!|>'\"%@`") or text[:1] in "-?" \
        or text in ("true", "false", "null", "yes", "no") or text[:1].isdigit() else text


for row in cis:
    lines.append(f"  - key: {row['key']}")
    lines.append(f"    class: {row['class']}")
    lines.append(f"    name: {scalar(row['name'])}")
    for field in ("ownerGroup", "lifecycle", "criticality"):
        lines.append(f"    {field}: {row[field]}")
    lines.append("    attributes: {" + ", ".join(f"{k}: {scalar(v)}" for k, v in row["attributes"].items()) + "}")
    if row["relations"]:
        lines.append("    relations: [" + ", ".join(f"{{type: {r['type']}, to: {r['to']}}}" for r in row["relations"])
                     + "]")
    if row["services"]:
        lines.append("    services: [" + ", ".join(row["services"]) + "]")
out = Path(__file__).resolve().parents[2] / "src/main/resources/demo/cmdb.yaml"
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{len(cis)} CIs, {sum(len(r['relations']) for r in cis)} relations written to {out}")
