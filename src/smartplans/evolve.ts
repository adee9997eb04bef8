import { freeze } from "immer";
import { get, remove, set } from "../collections/persistent-map.js";
import type { State } from "../state.js";
import type { SmartPlanEvent } from "./events.js";
import { enrolmentKey, type Messaging } from "./model.js";
import { storedMessaging } from "./resolve.js";
import { EMPTY_FILE, planTaskId, type Task } from "../profile/model.js";

/** The enrolment has run the step (SEC-6): a later run of it is refused. */
function ran(state: State, event: { planId: string; contactId: string; stepId: string }): State {
  const key = enrolmentKey(event.planId, event.contactId);
  const enrolment = get(state.enrolments, key);
  if (enrolment === undefined || enrolment.stepsRun?.includes(event.stepId) === true) return state; // a 0.1.0 row ran it again (D-107)
  const stepsRun = Object.freeze([...(enrolment.stepsRun ?? []), event.stepId]);
  return Object.freeze({ ...state, enrolments: set(state.enrolments, key, Object.freeze({ ...enrolment, stepsRun })) });
}

function withMessaging(state: State, userId: string, change: (m: Messaging) => Messaging): State {
  return Object.freeze({
    ...state,
    messaging: set(state.messaging, userId, Object.freeze(change(storedMessaging(state, userId)))),
  });
}

/** SP-6, SP-7: the step's task goes on the contact's file, titled as the step, for its assignee to complete. */
function withPlanTask(state: State, event: Extract<SmartPlanEvent, { type: "TaskCreated" }>): State {
  if (get(state.contacts, event.contactId) === undefined) return state;
  const file = get(state.files, event.contactId) ?? EMPTY_FILE;
  const title = get(state.plans, event.planId)?.steps.find((s) => s.id === event.stepId)?.title ?? event.stepId;
  const task: Task = Object.freeze({
    id: event.taskId ?? planTaskId(file, event.planId, event.stepId),
    title,
    assigneeId: event.assigneeId,
    done: false,
    source: Object.freeze({ planId: event.planId, stepId: event.stepId, reason: event.reason }),
  });
  return Object.freeze({
    ...state,
    files: set(state.files, event.contactId, Object.freeze({ ...file, tasks: Object.freeze([...file.tasks, task]) })),
  });
}

/** Applies one SmartPlan or messaging event. */
export function evolveSmartPlans(state: State, event: SmartPlanEvent): State {
  switch (event.type) {
    case "SmartPlanCreated":
      return Object.freeze({
        ...state,
        plans: set(
          state.plans,
          event.planId,
          freeze(
            structuredClone({ id: event.planId, account: event.account, name: event.name, steps: event.steps }),
            true,
          ),
        ),
      });
    case "AgentDefaultsChanged":
      return Object.freeze({
        ...state,
        agentDefaults: set(state.agentDefaults, event.teamId, Object.freeze({ ...event.defaults })),
      });
    case "StepDesigneeChanged": {
      const plan = get(state.plans, event.planId);
      if (plan === undefined) return state;
      const steps = plan.steps.map((s) => {
        if (s.id !== event.stepId) return s;
        const { designee: _old, ...rest } = s;
        return Object.freeze(event.designee === null ? rest : { ...rest, designee: event.designee });
      });
      return Object.freeze({
        ...state,
        plans: set(state.plans, plan.id, Object.freeze({ ...plan, steps: Object.freeze(steps) })),
      });
    }
    case "ContactEnrolled": {
      const plans = [...(get(state.enrolmentsByContact, event.contactId) ?? []), event.planId].sort();
      return Object.freeze({
        ...state,
        enrolments: set(
          state.enrolments,
          enrolmentKey(event.planId, event.contactId),
          Object.freeze({ planId: event.planId, contactId: event.contactId, at: event.at, by: event.by }),
        ),
        enrolmentsByContact: set(state.enrolmentsByContact, event.contactId, Object.freeze(plans)),
      });
    }
    case "ContactUnenrolled": {
      const plans = (get(state.enrolmentsByContact, event.contactId) ?? []).filter((p) => p !== event.planId);
      return Object.freeze({
        ...state,
        enrolments: remove(state.enrolments, enrolmentKey(event.planId, event.contactId)),
        enrolmentsByContact:
          plans.length === 0
            ? remove(state.enrolmentsByContact, event.contactId)
            : set(state.enrolmentsByContact, event.contactId, Object.freeze(plans)),
      });
    }
    case "MessagingPlanChanged":
      return withMessaging(state, event.userId, (m) => ({
        ...m,
        emailMonthlyLimit: event.emailMonthlyLimit,
        twilio: event.twilio,
        ...(event.twilioMonthlyCredits === undefined ? {} : { twilioMonthlyCredits: event.twilioMonthlyCredits }),
      }));
    case "TwilioAllotmentCredited":
      return withMessaging(state, event.userId, (m) => ({
        ...m,
        credits: m.credits + event.credits,
        creditedThrough: event.through,
      }));
    case "TextReceived":
      return event.credits === 0
        ? state
        : withMessaging(state, event.userId, (m) => ({ ...m, credits: m.credits - event.credits }));
    case "TextUnrouted":
      return state;
    case "TwilioCreditsAdded":
      return withMessaging(state, event.userId, (m) => ({ ...m, credits: m.credits + event.credits }));
    case "EmailSent":
      return ran(
        withMessaging(state, event.senderId, (m) =>
          m.month === event.month
            ? { ...m, emailsSent: m.emailsSent + 1 }
            : { ...m, month: event.month, emailsSent: 1 },
        ),
        event,
      );
    case "TextSent": {
      // SP-5: replies to the number go to whoever sent it the last SmartPlan text (D-103).
      const routed = Object.freeze({
        ...state,
        textRoutes: set(state.textRoutes, event.to, Object.freeze({ senderId: event.senderId, planId: event.planId })),
      });
      return ran(
        withMessaging(routed, event.senderId, (m) => ({ ...m, credits: m.credits - event.credits })),
        event,
      );
    }
    case "TaskCreated":
      return ran(withPlanTask(state, event), event);
    case "StepFailed": // a deactivated agent's step waits for their reactivation (LIF-7); any other failure is final (SP-4)
      return event.reason === "agentDeactivated" ? state : ran(state, event);
    case "StepDeferred":
      return state;
  }
}
