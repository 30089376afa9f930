//! The Cisco ECE entry-point API of the mock (WSDL HTTP binding: five GETs and a POST).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use soapstone::server::ServerFault;
use soapstone::types::Decimal;
use soapstone_generated::bindings::{
    bindings_egain_chat as egain, chat_wsdl as ece, no_namespace as ece_types,
};

use super::MockConfig;

use ece::{entry_point_status_get_binding as status, entry_point_survey_post_binding as survey};

/// Queue depth the mock reports for a known entry point.
const QUEUE_DEPTH: i32 = 0;

/// The ECE entry-point status (agentAvailability, capacity, liveSessionStatus,
/// checkEligibility, chatAllowed) and survey services. Entry points listed in
/// [`MockConfig::entry_points`] are open with an agent available; others are unknown:
/// chatAllowed says `invalid_entry_point`, agentAvailability `false`, and the other status
/// operations answer 400. A survey needs a non-empty `sid` and is answered 204.
#[derive(Debug)]
pub struct Ece {
    config: Arc<MockConfig>,
    surveys: Mutex<Vec<egain::EgainSurveyElement>>,
}

impl Ece {
    /// The ECE services of `config`.
    pub fn new(config: Arc<MockConfig>) -> Self {
        Self {
            config,
            surveys: Mutex::new(Vec::new()),
        }
    }

    /// The surveys received so far, in order.
    pub fn surveys(&self) -> Vec<egain::EgainSurveyElement> {
        self.stored().clone()
    }

    fn stored(&self) -> MutexGuard<'_, Vec<egain::EgainSurveyElement>> {
        // A push cannot leave the list half-updated, so a poisoned lock is still usable.
        self.surveys.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn known(&self, id: i64) -> bool {
        self.config.entry_points.contains(&id)
    }

    fn require_known<F>(&self, id: i64) -> Result<(), ServerFault<F>> {
        if self.known(id) {
            Ok(())
        } else {
            Err(ServerFault::sender(format!("unknown entry point {id}")))
        }
    }
}

impl status::Service for Ece {
    async fn agent_availability(
        &self,
        id: i64,
    ) -> Result<ece_types::AgentAvailability, ServerFault<status::Fault>> {
        Ok(ece_types::AgentAvailability {
            available: self.known(id),
        })
    }

    async fn capacity(
        &self,
        id: i64,
    ) -> Result<ece_types::AvailableSlots, ServerFault<status::Fault>> {
        self.require_known(id)?;
        Ok(ece_types::AvailableSlots {
            count: self.config.ece_capacity,
        })
    }

    async fn live_session_status(
        &self,
        id: i64,
    ) -> Result<ece_types::SessionStatus, ServerFault<status::Fault>> {
        self.require_known(id)?;
        Ok(ece_types::SessionStatus {
            wait_time: Decimal::zero(),
            queue_depth: QUEUE_DEPTH,
        })
    }

    async fn check_eligibility(
        &self,
        id: i64,
    ) -> Result<ece_types::CheckEligibility, ServerFault<status::Fault>> {
        self.require_known(id)?;
        Ok(ece_types::CheckEligibility {
            response_type: ece_types::EligibilityResponseType::_0,
        })
    }

    async fn chat_allowed(
        &self,
        id: i64,
    ) -> Result<ece_types::ChatAllowed, ServerFault<status::Fault>> {
        Ok(if self.known(id) {
            ece_types::ChatAllowed {
                allowed: true,
                reason: None,
            }
        } else {
            ece_types::ChatAllowed {
                allowed: false,
                reason: Some(ece_types::ChatNotAllowedReason::InvalidEntryPoint),
            }
        })
    }
}

impl survey::Service for Ece {
    async fn survey(
        &self,
        input: egain::EgainSurveyElement,
    ) -> Result<(), ServerFault<survey::Fault>> {
        if input.sid.trim().is_empty() {
            return Err(ServerFault::sender("the survey's sid is empty"));
        }
        self.stored().push(input);
        Ok(())
    }
}
