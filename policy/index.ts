// The CrossGuard pack. Only constructs the PolicyPack: the policies live in
// one module per group, where tests and the offline runner import them.
import { PolicyPack } from "@pulumi/policy";
import { drInvariants } from "./dr";
import { operations } from "./operations";
import { securityBaseline } from "./security";

new PolicyPack("logscale-dr", {
    description: "Security baseline, DR invariants of the active-passive pair, and operations checks for logscale-dr.",
    policies: [...securityBaseline, ...drInvariants, ...operations],
});
