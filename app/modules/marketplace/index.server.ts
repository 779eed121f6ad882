/** Marketplace's door: help requests, invitations, bids and the award. */
export { answerRetailer, askBidder } from "./questions.server";
export { getOpportunity, listOpportunities, listOwnOpenBids } from "./opportunities.server";
export {
  acceptBid,
  cancelHelpRequest,
  createHelpRequest,
  getOwnHelpRequest,
  listOwnHelpRequests,
  publishHelpRequest,
  requestableProvider,
  submitBid,
  suggestedServices,
  updateHelpRequest,
  withdrawBid,
  type BidResult,
} from "./requests.server";
