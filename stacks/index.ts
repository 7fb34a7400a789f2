// Entry point: read the stack's config and its peer, decide the region, build it.
import { loadStack } from "../config/load";
import { planRegion } from "../model/regionPlan";
import { deployRegion } from "./region";

export = async () => {
    const stack = await loadStack();
    return deployRegion(stack, planRegion(stack.settings, stack.peer));
};
