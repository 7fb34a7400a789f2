// The CrossGuard pack. Only constructs the PolicyPack: the policies live in
// one module per group, where tests and the offline runner import them.
import { PolicyPack } from "@pulumi/policy";
import { auditPolicies } from "./audit";
import { drInvariants } from "./dr";
import { edgePolicies } from "./edge";
import { identityPolicies } from "./identity";
import { kubernetesPolicies } from "./kubernetes";
import { networkPolicies } from "./network";
import { operations } from "./operations";
import { recoveryPolicies } from "./recovery";
import { securityBaseline } from "./security";

new PolicyPack("logscale-dr", {
    description: "Security baseline, identity, network exposure, edge, in-cluster isolation, recovery net and audit logs, DR invariants of the active-passive pair, and operations checks for logscale-dr.",
    policies: [...securityBaseline, ...identityPolicies, ...networkPolicies, ...edgePolicies, ...kubernetesPolicies, ...recoveryPolicies, ...auditPolicies, ...drInvariants, ...operations],
});
