package sandbox

// The Cloudbeds Fiscal Documents API v1.0 on the sandbox
//
// It is served under [CloudbedsFiscalAPIPath], whose paths carry their own /fiscal-document/v1
// prefix, with the same credentials as the PMS APIs (a bearer token of the Cloudbeds consent or
// the x-api-key of [Credentials]); the document declares no scopes. X-Property-ID must name the
// sandbox's property. Failures use real status codes and {"id", "timestamp", "errorCode",
// "errorDetails"} (401s keep the OAuth shape of the PMS APIs).
//
// Fiscal documents are stateful, seeded from the examples of getFiscalDocuments and the two
// transaction lists, and move through the statuses the document defines:
//
//   - createInvoice, createSettlementInvoice (of an active ADVANCE_INVOICE without an active
//     settlement) and createRectifyInvoice (once per invoice; the 400 names the latest of the
//     chain) issue OPEN documents holding the transactions selected; a transaction sits on one
//     active invoice at a time, so the transaction lists mark it invoiced.
//   - createCreditNote issues a COMPLETED credit note; method VOID voids its invoice and frees
//     the invoice's transactions. Voided, canceled and cancel- or void-requested invoices are
//     refused.
//   - createProFormaInvoice issues an OPEN pro forma invoice; updateProFormaInvoiceStatus moves
//     it OPEN → ACCEPTED, REJECTED or CANCELED and ACCEPTED or REJECTED → CANCELED.
//   - createReceipt and createSimpleReceipt issue OPEN receipts for payments (allocations must
//     add up to the payment and fit each charge); allocateReceiptPayment makes an unallocated
//     OPEN receipt ALLOCATED, applyReceipt makes one APPLIED and its invoice PAID or
//     PARTIALLY_PAID, voidReceipt makes an OPEN receipt VOIDED.
//   - putFiscalDocument takes an integration partner's report: REQUESTED → PENDING_INTEGRATION;
//     PENDING_INTEGRATION → COMPLETED_INTEGRATION, FAILED_INTEGRATION, FAILED or
//     CORRECTION_NEEDED; a failed document → PENDING_INTEGRATION (retry), CORRECTION_NEEDED or
//     MANUALLY_RECONCILED; CANCEL_REQUESTED from OPEN, PAID, PARTIALLY_PAID or CORRECTION_NEEDED
//     (invoices without a rectifying document), then CANCELED or back to the status it came
//     from; VOID_REQUESTED from an active document, then VOIDED or back.
//
// Every other move is refused with 400 and errorCode INVALID_STATUS_TRANSITION (or the code
// naming the rule broken). Document settings, the document logo, fiscal connections (verifying
// → active → paused → active; disconnect), their series, certificates, logos and sections,
// connection drafts and routing rules are stateful too. Previews, exports and downloads answer
// a small PDF, reports a small XML file; the remaining operations answer their spec's example.

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// CloudbedsFiscalAPIPath is the base of the Cloudbeds Fiscal Documents API v1.0 on the sandbox
// (the value to use as hospitality.CloudbedsConfig.BaseURL for ConnectCloudbedsFiscalDocuments).
const CloudbedsFiscalAPIPath = "/cloudbeds-fiscal-documents"

// fdDefaultLimit is the page size of the document and transaction lists when the query names none.
const fdDefaultLimit = 20

// fdPDF and fdXML are the files previews, exports, downloads and reports answer.
var (
	fdPDF = []byte("%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
	fdXML = []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<AuditFile><Header><TaxRegistrationNumber>123456789</TaxRegistrationNumber></Header></AuditFile>\n")
)

// fdAllocation is part of a receipt's payment allocated to one charge.
type fdAllocation struct {
	tx     string
	amount float64
}

// cbFiscalState keeps the Fiscal Documents API's documents, transactions, settings and
// fiscalization set-up.
type cbFiscalState struct {
	cb  *cloudbedsSandbox
	now func() time.Time
	// docFields are the fields of a listed document, txFields those of a transaction.
	docFields, txFields []string
	sectionRules        map[string]any

	mu       sync.Mutex
	nextID   int64
	docs     map[string]map[string]any // id → document; "_"-prefixed keys are the sandbox's own
	docOrder []string
	txs      map[string]map[string]any // id → transaction; "_parent" names the charge of a tax
	txOrder  []string
	holds    map[string][]string       // document id → transaction ids it holds
	allocs   map[string][]fdAllocation // receipt id → allocations
	emails   map[string][]string       // document id → addresses it was emailed to
	configs  map[string]map[string]any // document kind → settings
	logo     string                    // "", "uploaded" or "cropped"
	nextConn int64
	conns    map[string]map[string]any   // connection id → connection
	sections map[string]map[string]any   // connection id → section key → values
	series   map[string][]map[string]any // connection id → series
	certs    map[string]map[string]any   // connection id → certificate status
	logos    map[string]bool             // connection id → has a logo
	drafts   map[string]map[string]any   // provider id → draft
	routing  []map[string]any
}

// registerCloudbedsFiscal mounts the Fiscal Documents API next to the PMS APIs, sharing their
// credentials, and makes its documents and set-up stateful.
func registerCloudbedsFiscal(cb *cloudbedsSandbox) error {
	st := &cbFiscalState{cb: cb, now: cb.s.opts.Now, nextID: 5100, nextConn: 301,
		docs: map[string]map[string]any{}, txs: map[string]map[string]any{}, holds: map[string][]string{},
		allocs: map[string][]fdAllocation{}, emails: map[string][]string{}, configs: map[string]map[string]any{},
		conns: map[string]map[string]any{}, sections: map[string]map[string]any{}, series: map[string][]map[string]any{},
		certs: map[string]map[string]any{}, logos: map[string]bool{}, drafts: map[string]map[string]any{}}
	a := &api{name: "cloudbeds-fiscal-documents", prefix: CloudbedsFiscalAPIPath, errorFn: cloudbedsFiscalError,
		check: cb.checkV2, authenticate: cb.authenticate}
	if err := cb.s.mount(a, specs.CloudbedsFiscalDocuments); err != nil {
		return err
	}
	st.docFields = schemaFields(a, "FiscalDocumentDetailedResponse")
	st.txFields = schemaFields(a, "FiscalDocumentTransactionResponse")
	if err := st.seed(a); err != nil {
		return err
	}
	a.ops = map[string]opFunc{
		"getFiscalDocuments":                         st.getFiscalDocuments,
		"getCountFiscalDocumentsWithDiscrepancies":   st.countDiscrepancies,
		"putFiscalDocument":                          st.putFiscalDocument,
		"getFiscalDocumentRecipientsById":            st.recipients,
		"downloadFiscalDocument":                     st.download,
		"emailFiscalDocument":                        st.email,
		"updateRequireAttention":                     st.requireAttention,
		"createInvoice":                              st.createInvoice,
		"createCreditNote":                           st.createCreditNote,
		"createRectifyInvoice":                       st.createRectifyInvoice,
		"createSettlementInvoice":                    st.createSettlementInvoice,
		"createProFormaInvoice":                      st.createProForma,
		"updateProFormaInvoiceStatus":                st.updateProFormaStatus,
		"createReceipt":                              st.createReceipt,
		"createSimpleReceipt":                        st.createSimpleReceipts,
		"voidReceipt":                                st.voidReceipt,
		"applyReceipt":                               st.applyReceipt,
		"allocateReceiptPayment":                     st.allocateReceiptPayment,
		"getAllocations":                             st.getAllocations,
		"getInvoiceAllocations":                      st.invoiceAllocations,
		"getAllocationsSummary":                      st.allocationsSummary,
		"getFiscalDocumentTransactions":              st.availableTransactions,
		"getFiscalDocumentTransactionsById":          st.documentTransactions,
		"getFiscalDocumentTransactionsForAllocation": st.allocationTransactions,
		"getSelectedTransactionsSummary":             st.selectedSummaryQuery,
		"postSelectedTransactionsSummary":            st.selectedSummary,
		"getTransactionsSummaryByDocumentId":         st.documentSummary,
		"getDocumentPreview":                         st.pdf("invoice-preview.pdf"),
		"getProFormaPreview":                         st.pdf("pro-forma-preview.pdf"),
		"getCreditNotePreview":                       st.previewAgainstInvoice("credit-note-preview.pdf"),
		"getRectifyInvoicePreview":                   st.previewAgainstInvoice("rectify-invoice-preview.pdf"),
		"getPdfPreview":                              st.pdf("settings-preview.pdf"),
		"exportFolioPdf":                             st.pdf("folio.pdf"),
		"getFolioPdf":                                st.pdf("folio.pdf"),
		"getFiscalizationReport":                     st.report,
		"getConnectionReport":                        st.connectionReport,
		"getConfigs":                                 st.getConfigs,
		"updateConfigs":                              st.updateConfigs,
		"getLogo":                                    st.getLogo,
		"uploadLogo":                                 st.uploadLogo,
		"cropLogo":                                   st.cropLogo,
		"deleteLogo":                                 st.deleteLogo,
		"listFiscalConnections":                      st.listConnections,
		"createFiscalConnection":                     st.createConnection,
		"getFiscalConnection":                        st.getConnection,
		"updateFiscalConnection":                     st.updateConnection,
		"disconnectFiscalConnection":                 st.disconnect,
		"activateFiscalConnection":                   st.moveConnection("active", "verifying"),
		"pauseFiscalConnection":                      st.moveConnection("paused", "active", "attention"),
		"resumeFiscalConnection":                     st.moveConnection("active", "paused"),
		"activateFiscalizationSeries":                st.setSeries(true),
		"deactivateFiscalizationSeries":              st.setSeries(false),
		"testFiscalConnection":                       st.testConnection,
		"getConnectionCertificate":                   st.getCertificate,
		"uploadConnectionCertificate":                st.uploadCertificate,
		"uploadConnectionLogo":                       st.uploadConnectionLogo,
		"deleteConnectionLogo":                       st.deleteConnectionLogo,
		"getConnectionSection":                       st.getSection,
		"updateConnectionSection":                    st.updateSection,
		"getConnectionSectionRules":                  st.sectionRulesOf,
		"listFiscalConnectionDrafts":                 st.listDrafts,
		"upsertFiscalConnectionDraft":                st.upsertDraft,
		"deleteFiscalConnectionDraft":                st.deleteDraft,
		"listFiscalDocumentRouting":                  st.listRouting,
		"replaceFiscalDocumentRouting":               st.replaceRouting,
		"patchFiscalDocumentRouting":                 st.patchRouting,
		"getFiscalizationStatus":                     st.fiscalizationStatus,
	}
	return nil
}

// seed loads the documents, transactions, settings, connections, drafts and routing of the
// document's examples.
func (st *cbFiscalState) seed(a *api) error {
	property := st.cb.s.creds.CloudbedsPropertyID
	var docs struct {
		FiscalDocuments []map[string]any `json:"fiscalDocuments"`
	}
	if err := a.exampleOf("getFiscalDocuments", &docs); err != nil {
		return err
	}
	for _, d := range docs.FiscalDocuments {
		d["propertyId"] = property
		st.addDoc(d)
	}
	for _, op := range []string{"getFiscalDocumentTransactions", "getFiscalDocumentTransactionsById"} {
		var page struct {
			Transactions []map[string]any `json:"transactions"`
		}
		if err := a.exampleOf(op, &page); err != nil {
			return err
		}
		for _, t := range page.Transactions {
			st.addTx(t, "")
			if op == "getFiscalDocumentTransactionsById" {
				st.holds["5001"] = append(st.holds["5001"], text(t["id"]))
			}
		}
	}
	var configs struct {
		Configs map[string]map[string]any `json:"configs"`
	}
	if err := a.exampleOf("getConfigs", &configs); err != nil {
		return err
	}
	for kind, c := range configs.Configs {
		c["propertyId"] = property
		st.configs[kind] = c
	}
	var conns struct {
		Connections []map[string]any `json:"connections"`
	}
	if err := a.exampleOf("listFiscalConnections", &conns); err != nil {
		return err
	}
	for _, c := range conns.Connections {
		id := text(c["id"])
		st.conns[id] = c
		st.logos[id] = true
	}
	var drafts struct {
		Drafts []map[string]any `json:"drafts"`
	}
	if err := a.exampleOf("listFiscalConnectionDrafts", &drafts); err != nil {
		return err
	}
	for _, d := range drafts.Drafts {
		st.drafts[text(d["providerId"])] = d
	}
	var routing struct {
		Routing []map[string]any `json:"routing"`
	}
	if err := a.exampleOf("listFiscalDocumentRouting", &routing); err != nil {
		return err
	}
	st.routing = routing.Routing
	return a.exampleOf("getConnectionSectionRules", &st.sectionRules)
}

// addTx stores a transaction and, flattened, its taxes (each naming its charge in "_parent").
func (st *cbFiscalState) addTx(t map[string]any, parent string) {
	id := text(t["id"])
	taxes, _ := t["taxes"].([]any)
	delete(t, "taxes")
	t["propertyId"] = st.cb.s.creds.CloudbedsPropertyID
	if parent != "" {
		t["_parent"] = parent
	}
	st.txs[id] = t
	st.txOrder = append(st.txOrder, id)
	for _, x := range taxes {
		if m, ok := x.(map[string]any); ok {
			st.addTx(m, id)
		}
	}
}

// addDoc stores a document under its id, in creation order.
func (st *cbFiscalState) addDoc(d map[string]any) {
	id := text(d["id"])
	if _, ok := d["files"]; !ok {
		d["files"] = []any{}
	}
	st.docs[id] = d
	st.docOrder = append(st.docOrder, id)
}

// cloudbedsFiscalError writes the Fiscal Documents API's error body, the shape the Accounting API
// shares; code is the errorCode when it is one (upper case), as for INVALID_STATUS_TRANSITION.
func cloudbedsFiscalError(w http.ResponseWriter, status int, code, msg string) {
	if status == http.StatusConflict && strings.ToUpper(code) != code {
		code = "CONFLICT"
	}
	cloudbedsAccountingError(w, status, code, msg)
}

// answer writes v as the JSON answer with the request id Cloudbeds sends.
func (st *cbFiscalState) answer(w http.ResponseWriter, status int, v any) {
	cbRequestID(w)
	writeJSON(w, status, v)
}

// noContent answers 204.
func (st *cbFiscalState) noContent(w http.ResponseWriter) {
	cbRequestID(w)
	w.WriteHeader(http.StatusNoContent)
}

// file answers a file download.
func (st *cbFiscalState) file(w http.ResponseWriter, contentType, name string, b []byte) {
	cbRequestID(w)
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}

// readJSON decodes a validated JSON body into v, or answers 400 and returns false.
func (st *cbFiscalState) readJSON(w http.ResponseWriter, body []byte, v any) bool {
	if err := json.Unmarshal(body, v); err != nil {
		cloudbedsFiscalError(w, http.StatusBadRequest, "INVALID_REQUEST", "request body: "+err.Error())
		return false
	}
	return true
}

func (st *cbFiscalState) timestamp() string { return st.now().UTC().Format(time.RFC3339) }

func (st *cbFiscalState) today() string { return st.now().UTC().Format(time.DateOnly) }

// num returns v as a number; ids and amounts arrive as numbers or numeric strings.
func num(v any) float64 {
	f, _ := strconv.ParseFloat(text(v), 64)
	return f
}

// money rounds to cents.
func money(f float64) float64 { return math.Round(f*100) / 100 }

// ids returns a JSON list of ids as their text.
func ids(list []json.Number) []string {
	out := make([]string, 0, len(list))
	for _, n := range list {
		out = append(out, n.String())
	}
	return out
}

// queryList returns the values of a query parameter sent repeated or comma-separated.
func queryList(q url.Values, key string) []string {
	var out []string
	for _, v := range q[key] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// Documents and their lifecycle.

// fdInvoiceKinds are the kinds that hold (lock) transactions and take payments.
var fdInvoiceKinds = []string{"INVOICE", "RECTIFY_INVOICE", "ADVANCE_INVOICE", "SETTLEMENT_INVOICE", "INVOICE_RECEIPT"}

// fdInactive are the statuses of documents that no longer count: their transactions are free.
var fdInactive = []string{"VOIDED", "CANCELED", "REJECTED", "FAILED"}

// fdRefusesCredit are the invoice statuses credit notes, rectifications and payments refuse.
var fdRefusesCredit = []string{"VOIDED", "CANCELED", "CANCEL_REQUESTED", "VOID_REQUESTED", "REJECTED"}

// fdPartnerMoves are the moves putFiscalDocument makes outside the cancel and void requests.
var fdPartnerMoves = map[string][]string{
	"REQUESTED":           {"PENDING_INTEGRATION", "FAILED_INTEGRATION", "FAILED"},
	"PENDING_INTEGRATION": {"COMPLETED_INTEGRATION", "FAILED_INTEGRATION", "FAILED", "CORRECTION_NEEDED"},
	"FAILED_INTEGRATION":  {"PENDING_INTEGRATION", "CORRECTION_NEEDED", "MANUALLY_RECONCILED"},
	"FAILED":              {"PENDING_INTEGRATION", "CORRECTION_NEEDED", "MANUALLY_RECONCILED"},
	"CORRECTION_NEEDED":   {"PENDING_INTEGRATION", "MANUALLY_RECONCILED"},
}

// fdCancelable are the statuses a cancellation may be requested from (Spanish invoices).
var fdCancelable = []string{"OPEN", "PAID", "PARTIALLY_PAID", "CORRECTION_NEEDED"}

// fdVoidable are the statuses a void may be requested from.
var fdVoidable = []string{"OPEN", "PAID", "PARTIALLY_PAID", "COMPLETED", "COMPLETED_INTEGRATION", "CORRECTION_NEEDED"}

// fdProFormaMoves are updateProFormaInvoiceStatus's transitions.
var fdProFormaMoves = map[string][]string{
	"OPEN":     {"ACCEPTED", "REJECTED", "CANCELED"},
	"ACCEPTED": {"CANCELED"},
	"REJECTED": {"CANCELED"},
}

// active reports whether d still counts (holds its transactions, takes payments).
func active(d map[string]any) bool { return !slices.Contains(fdInactive, text(d["status"])) }

// isKind reports whether d is of one of kinds.
func isKind(d map[string]any, kinds ...string) bool { return slices.Contains(kinds, text(d["kind"])) }

// doc returns the document of id, answering 404 when there is none.
func (st *cbFiscalState) doc(w http.ResponseWriter, id string) map[string]any {
	d := st.docs[id]
	if d == nil {
		cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "Fiscal document "+id+" not found")
	}
	return d
}

// refuse answers 400 with errorCode code.
func refuse(w http.ResponseWriter, code, format string, args ...any) {
	cloudbedsFiscalError(w, http.StatusBadRequest, code, fmt.Sprintf(format, args...))
}

// setStatus moves d to status, stamping the change and the actions now open.
func (st *cbFiscalState) setStatus(d map[string]any, status string) {
	d["status"] = status
	d["updatedAt"] = st.timestamp()
	d["actions"] = fdActions(d)
}

// fdActions lists what can be done next with d.
func fdActions(d map[string]any) []any {
	var out []string
	status := text(d["status"])
	switch kind := text(d["kind"]); {
	case !active(d):
		out = []string{"DOWNLOAD"}
	case kind == "RECEIPT" && status == "OPEN":
		out = []string{"DOWNLOAD", "VOID", "APPLY_TO_INVOICE"}
	case kind == "ADVANCE_INVOICE":
		out = []string{"DOWNLOAD", "GENERATE_SETTLEMENT"}
	case slices.Contains(fdInvoiceKinds, kind) && !slices.Contains(fdRefusesCredit, status):
		out = []string{"DOWNLOAD", "CREDIT_NOTE", "VOID_AND_CREDIT_NOTE", "ADD_PAYMENT"}
		if d["_rectifiedBy"] == nil {
			out = append(out, "RECTIFY")
		}
	default:
		out = []string{"DOWNLOAD"}
	}
	actions := make([]any, 0, len(out))
	for _, a := range out {
		actions = append(actions, map[string]any{"type": a})
	}
	return actions
}

// link records child as a document linked to parent, both ways.
func (st *cbFiscalState) link(parent, child map[string]any) {
	child["parentId"] = parent["id"]
	entry := func(d map[string]any, rel string) map[string]any {
		return map[string]any{"id": d["id"], "number": d["number"], "createdAt": d["createdAt"], "kind": d["kind"],
			"status": d["status"], "relationshipType": rel, "isLatest": rel == "CHILD"}
	}
	list, _ := parent["linkedDocuments"].([]any)
	for _, l := range list {
		if m, ok := l.(map[string]any); ok {
			m["isLatest"] = false
		}
	}
	parent["linkedDocuments"] = append(list, entry(child, "CHILD"))
	child["linkedDocuments"] = []any{entry(parent, "PARENT")}
	parent["latestLinkedDocument"] = map[string]any{"id": child["id"], "number": child["number"],
		"createdAt": child["createdAt"], "kind": child["kind"], "status": child["status"]}
}

// summary is the answer of the document writes.
func summary(d map[string]any) map[string]any {
	out := map[string]any{"id": d["id"], "kind": d["kind"], "status": d["status"]}
	if gi, ok := d["governmentIntegration"]; ok {
		out["governmentIntegration"] = gi
	}
	if p, ok := d["parentId"]; ok {
		out["linkedTo"] = p
	}
	return out
}

// issue creates a document of kind for a source, holding txs.
func (st *cbFiscalState) issue(kind, status, sourceID, sourceKind string, amount float64, txs []string, in fdIssue) map[string]any {
	st.nextID++
	id := strconv.FormatInt(st.nextID, 10)
	prefix := map[string]string{"INVOICE": "INV", "CREDIT_NOTE": "CN", "RECEIPT": "REC", "RECTIFY_INVOICE": "RINV",
		"PRO_FORMA_INVOICE": "PF", "SETTLEMENT_INVOICE": "SET", "ADVANCE_INVOICE": "ADV"}[kind]
	number := fmt.Sprintf("%s-%s", prefix, id)
	now := st.timestamp()
	d := map[string]any{"id": id, "number": number, "propertyId": st.cb.s.creds.CloudbedsPropertyID,
		"sourceId": sourceID, "sourceKind": sourceKind, "kind": kind, "status": status, "origin": "FISCAL_DOCUMENT",
		"invoiceDatePropertyTimezone": st.today(), "fileName": number + ".pdf", "amount": money(amount), "currency": "USD",
		"propertyCurrency": "USD", "propertyCurrencyAmount": money(amount), "createdAt": now, "updatedAt": now,
		"simplified": in.Simplified, "requireAttention": false, "hasDiscrepancies": false, "linkedDocuments": []any{},
		"files": []any{map[string]any{"id": "f-" + id, "category": "PRIMARY", "mimeType": "application/pdf", "filename": number + ".pdf"}}}
	if in.Method != "" {
		d["method"] = in.Method
	}
	if slices.Contains(fdInvoiceKinds, kind) || kind == "PRO_FORMA_INVOICE" {
		d["balance"] = money(amount)
	} else {
		d["balance"] = 0.0
	}
	if in.DueDate != "" {
		d["dueDatePropertyTimezone"] = in.DueDate
	}
	if in.UserID != "" {
		d["userId"] = in.UserID.String()
	}
	for _, t := range txs {
		if tx := st.txs[t]; tx != nil && d["sourceIdentifier"] == nil && tx["sourceIdentifier"] != nil {
			d["sourceIdentifier"], d["sourceName"] = tx["sourceIdentifier"], tx["guestName"]
		}
	}
	switch {
	case in.Manual != nil:
		d["recipients"] = []any{map[string]any{"id": "manual-" + id, "firstName": text(in.Manual["name"]),
			"email": in.Manual["email"], "type": "MANUAL"}}
	case in.Recipient != nil:
		rtype := "PERSON"
		if t := text(in.Recipient["type"]); t == "COMPANY" || t == "GROUP" || t == "GROUP_PROFILE" {
			rtype = "COMPANY"
		}
		d["recipients"] = []any{map[string]any{"id": text(in.Recipient["id"]), "type": rtype}}
	default:
		d["recipients"] = []any{}
	}
	d["actions"] = fdActions(d)
	st.addDoc(d)
	st.holds[id] = txs
	return d
}

// fdIssue holds the request fields every creation shares.
type fdIssue struct {
	SourceID              json.Number            `json:"sourceId"`
	SourceKind            string                 `json:"sourceKind"`
	UserID                json.Number            `json:"userId"`
	TransactionIDs        []json.Number          `json:"transactionIds"`
	FolioIDs              []json.Number          `json:"folioIds"`
	ExcludeTransactionIDs []json.Number          `json:"excludeTransactionIds"`
	IncludeTransactionIDs []json.Number          `json:"includeTransactionIds"`
	TransactionIDToAmount map[string]json.Number `json:"transactionIdToAmount"`
	PaymentIDs            []json.Number          `json:"paymentIds"`
	Recipient             map[string]any         `json:"recipient"`
	Manual                map[string]any         `json:"manualRecipient"`
	Simplified            bool                   `json:"simplified"`
	Method                string                 `json:"method"`
	DueDate               string                 `json:"dueDatePropertyTimezone"`
	Emails                []string               `json:"emails"`
}

// invoicedBy returns the active invoice-kind document holding transaction t, or "".
func (st *cbFiscalState) invoicedBy(t string) string {
	for _, id := range st.docOrder {
		d := st.docs[id]
		if isKind(d, fdInvoiceKinds...) && active(d) && slices.Contains(st.holds[id], t) {
			return id
		}
	}
	return ""
}

// selection works out the transactions a request names: the listed ids, or else every
// transaction of the folios (or the source), less the excluded ones, with taxes following their
// charge. It answers 400 and returns ok false when an id is unknown or of another source.
func (st *cbFiscalState) selection(w http.ResponseWriter, in fdIssue, lock bool) (txs []string, amount float64, ok bool) {
	listed := append(ids(in.TransactionIDs), ids(in.IncludeTransactionIDs)...)
	folios := ids(in.FolioIDs)
	excluded := ids(in.ExcludeTransactionIDs)
	source := in.SourceID.String()
	if len(listed) == 0 {
		for _, id := range st.txOrder {
			t := st.txs[id]
			if (source == "" || text(t["sourceId"]) == source) && (len(folios) == 0 || slices.Contains(folios, text(t["folioId"]))) &&
				(!lock || st.invoicedBy(id) == "") {
				listed = append(listed, id)
			}
		}
	} else {
		// A charge brings its taxes.
		for _, id := range slices.Clone(listed) {
			for _, tid := range st.txOrder {
				if text(st.txs[tid]["_parent"]) == id && !slices.Contains(listed, tid) {
					listed = append(listed, tid)
				}
			}
		}
	}
	for _, id := range listed {
		if slices.Contains(excluded, id) || slices.Contains(txs, id) {
			continue
		}
		t := st.txs[id]
		if t == nil {
			refuse(w, "TRANSACTION_NOT_FOUND", "Transaction %s not found", id)
			return nil, 0, false
		}
		if source != "" && text(t["sourceId"]) != source {
			refuse(w, "INVALID_REQUEST", "Transaction %s belongs to source %s, not %s", id, text(t["sourceId"]), source)
			return nil, 0, false
		}
		if lock {
			if by := st.invoicedBy(id); by != "" {
				refuse(w, "TRANSACTIONS_ALREADY_INVOICED", "Transaction %s is already on fiscal document %s", id, by)
				return nil, 0, false
			}
		}
		txs = append(txs, id)
		if part, ok := in.TransactionIDToAmount[id]; ok {
			f, _ := part.Float64()
			amount += f
		} else {
			amount += num(t["amount"])
		}
	}
	return txs, amount, true
}

func (st *cbFiscalState) createInvoice(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in fdIssue
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	txs, amount, ok := st.selection(w, in, true)
	if !ok {
		return
	}
	if len(txs) == 0 {
		refuse(w, "NO_TRANSACTIONS", "Source %s has no transactions to invoice", in.SourceID)
		return
	}
	d := st.issue("INVOICE", "OPEN", in.SourceID.String(), in.SourceKind, amount, txs, in)
	if len(in.Emails) > 0 {
		st.emails[text(d["id"])] = in.Emails
	}
	st.answer(w, http.StatusOK, summary(d))
}

func (st *cbFiscalState) createProForma(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in fdIssue
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	// Pro forma invoices lock nothing: already invoiced transactions may appear.
	txs, amount, ok := st.selection(w, in, false)
	if !ok {
		return
	}
	for _, p := range ids(in.PaymentIDs) {
		if st.txs[p] != nil && !slices.Contains(txs, p) {
			txs = append(txs, p)
		}
	}
	d := st.issue("PRO_FORMA_INVOICE", "OPEN", in.SourceID.String(), in.SourceKind, amount, txs, in)
	st.answer(w, http.StatusOK, summary(d))
}

func (st *cbFiscalState) updateProFormaStatus(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in struct {
		Status string `json:"status"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	d := st.doc(w, params["id"])
	if d == nil {
		return
	}
	if !isKind(d, "PRO_FORMA_INVOICE") {
		refuse(w, "INVALID_DOCUMENT_KIND", "Fiscal document %s is a %s, not a pro forma invoice", params["id"], text(d["kind"]))
		return
	}
	if from := text(d["status"]); !slices.Contains(fdProFormaMoves[from], in.Status) {
		refuse(w, "INVALID_STATUS_TRANSITION", "A pro forma invoice cannot move from %s to %s", from, in.Status)
		return
	}
	st.setStatus(d, in.Status)
	st.answer(w, http.StatusOK, summary(d))
}

// creditable returns the invoice of id a credit note or rectification may be issued against,
// answering 404 or 400 when there is none.
func (st *cbFiscalState) creditable(w http.ResponseWriter, id string) map[string]any {
	d := st.doc(w, id)
	if d == nil {
		return nil
	}
	if !isKind(d, "INVOICE", "RECTIFY_INVOICE", "SETTLEMENT_INVOICE", "ADVANCE_INVOICE") {
		refuse(w, "INVALID_DOCUMENT_KIND", "Fiscal document %s is a %s, not an invoice", id, text(d["kind"]))
		return nil
	}
	if status := text(d["status"]); slices.Contains(fdRefusesCredit, status) {
		refuse(w, "INVALID_DOCUMENT_STATUS", "Invoice %s is %s", id, status)
		return nil
	}
	return d
}

func (st *cbFiscalState) createCreditNote(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in struct {
		fdIssue
		InvoiceID json.Number `json:"invoiceId"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	inv := st.creditable(w, in.InvoiceID.String())
	if inv == nil {
		return
	}
	held := st.holds[text(inv["id"])]
	txs, amount := held, num(inv["amount"])
	if in.Method == "ADJUSTMENT" {
		in.SourceID = ""
		var ok bool
		if txs, amount, ok = st.selection(w, in.fdIssue, false); !ok {
			return
		}
		if slices.ContainsFunc(txs, func(t string) bool { return !slices.Contains(held, t) }) {
			refuse(w, "INVALID_REQUEST", "Credit note transactions must be on invoice %s", in.InvoiceID)
			return
		}
	}
	in.SourceID = json.Number(text(inv["sourceId"]))
	cn := st.issue("CREDIT_NOTE", "COMPLETED", text(inv["sourceId"]), text(inv["sourceKind"]), -amount, txs, in.fdIssue)
	st.link(inv, cn)
	if in.Method == "VOID" {
		inv["balance"] = 0.0
		st.setStatus(inv, "VOIDED")
	} else {
		inv["balance"] = money(num(inv["balance"]) - amount)
		inv["actions"] = fdActions(inv)
	}
	st.answer(w, http.StatusOK, summary(cn))
}

func (st *cbFiscalState) createRectifyInvoice(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in struct {
		fdIssue
		InvoiceID json.Number `json:"invoiceId"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	inv := st.creditable(w, in.InvoiceID.String())
	if inv == nil {
		return
	}
	if by := text(inv["_rectifiedBy"]); by != "" {
		latest := by
		for next := text(st.docs[latest]["_rectifiedBy"]); next != ""; next = text(st.docs[latest]["_rectifiedBy"]) {
			latest = next
		}
		refuse(w, "INVOICE_ALREADY_RECTIFIED", "Invoice %s was already rectified; rectify %s, the latest of its chain", in.InvoiceID, latest)
		return
	}
	txs, amount := st.holds[text(inv["id"])], num(inv["amount"])
	if len(in.TransactionIDs)+len(in.IncludeTransactionIDs)+len(in.FolioIDs) > 0 {
		in.SourceID = ""
		var ok bool
		if txs, amount, ok = st.selection(w, in.fdIssue, false); !ok {
			return
		}
	}
	// The rectifying invoice takes over the transactions it lists.
	held := st.holds[text(inv["id"])]
	st.holds[text(inv["id"])] = slices.DeleteFunc(slices.Clone(held), func(t string) bool { return slices.Contains(txs, t) })
	ri := st.issue("RECTIFY_INVOICE", "OPEN", text(inv["sourceId"]), text(inv["sourceKind"]), amount, txs, in.fdIssue)
	st.link(inv, ri)
	inv["_rectifiedBy"] = ri["id"]
	inv["actions"] = fdActions(inv)
	st.answer(w, http.StatusOK, summary(ri))
}

func (st *cbFiscalState) createSettlementInvoice(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in fdIssue
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	adv := st.doc(w, params["advance_invoice_id"])
	if adv == nil {
		return
	}
	if !isKind(adv, "ADVANCE_INVOICE") {
		refuse(w, "INVALID_DOCUMENT_KIND", "Fiscal document %s is a %s, not an advance invoice", params["advance_invoice_id"], text(adv["kind"]))
		return
	}
	if status := text(adv["status"]); !active(adv) || slices.Contains(fdRefusesCredit, status) {
		refuse(w, "INVALID_DOCUMENT_STATUS", "Advance invoice %s is %s", params["advance_invoice_id"], status)
		return
	}
	if s := st.docs[text(adv["_settledBy"])]; s != nil && active(s) {
		refuse(w, "SETTLEMENT_EXISTS", "Advance invoice %s is already settled by %s", params["advance_invoice_id"], text(s["id"]))
		return
	}
	in.SourceID = json.Number(text(adv["sourceId"]))
	var txs []string
	var amount float64
	if len(in.TransactionIDs)+len(in.IncludeTransactionIDs)+len(in.FolioIDs) > 0 {
		var ok bool
		if txs, amount, ok = st.selection(w, in, true); !ok {
			return
		}
	}
	s := st.issue("SETTLEMENT_INVOICE", "OPEN", text(adv["sourceId"]), text(adv["sourceKind"]), amount, txs, in)
	st.link(adv, s)
	adv["_settledBy"] = s["id"]
	st.answer(w, http.StatusOK, summary(s))
}

// putFiscalDocument applies an integration partner's report, refusing moves the lifecycle does
// not allow.
func (st *cbFiscalState) putFiscalDocument(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in struct {
		Status                string         `json:"status"`
		FailReason            *string        `json:"failReason"`
		GovernmentIntegration map[string]any `json:"governmentIntegration"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	d := st.doc(w, params["id"])
	if d == nil {
		return
	}
	from := text(d["status"])
	if in.Status != "" && in.Status != from {
		if err := st.partnerMove(d, from, in.Status); err != "" {
			refuse(w, "INVALID_STATUS_TRANSITION", "%s", err)
			return
		}
	}
	if in.GovernmentIntegration != nil {
		gi, _ := d["governmentIntegration"].(map[string]any)
		if gi == nil {
			gi = map[string]any{}
		}
		for k, v := range in.GovernmentIntegration {
			gi[k] = v
		}
		d["governmentIntegration"] = gi
		if id, ok := in.GovernmentIntegration["externalId"]; ok {
			d["externalId"] = id
		}
	}
	if in.FailReason != nil {
		d["failReason"] = *in.FailReason
	}
	if in.Status != "" && in.Status != from {
		switch in.Status {
		case "CANCEL_REQUESTED", "VOID_REQUESTED":
			d["_prev"] = from
			gi, _ := d["governmentIntegration"].(map[string]any)
			if gi == nil {
				gi = map[string]any{}
				d["governmentIntegration"] = gi
			}
			gi["cancellationFailedFallbackStatus"] = from
		case "VOIDED", "CANCELED":
			d["balance"] = 0.0
		}
		st.setStatus(d, in.Status)
	} else {
		d["updatedAt"] = st.timestamp()
	}
	st.answer(w, http.StatusOK, summary(d))
}

// partnerMove returns why d may not move from one status to another, or "".
func (st *cbFiscalState) partnerMove(d map[string]any, from, to string) string {
	id := text(d["id"])
	if isKind(d, "PRO_FORMA_INVOICE") {
		return fmt.Sprintf("Pro forma invoice %s changes status with updateProFormaInvoiceStatus", id)
	}
	switch {
	case from == "CANCEL_REQUESTED":
		if to == "CANCELED" || to == text(d["_prev"]) {
			return ""
		}
		return fmt.Sprintf("Fiscal document %s awaits its cancellation: it can only become CANCELED or return to %s", id, text(d["_prev"]))
	case from == "VOID_REQUESTED":
		if to == "VOIDED" || to == text(d["_prev"]) {
			return ""
		}
		return fmt.Sprintf("Fiscal document %s awaits its void: it can only become VOIDED or return to %s", id, text(d["_prev"]))
	case to == "CANCEL_REQUESTED":
		if !isKind(d, "INVOICE") || !slices.Contains(fdCancelable, from) {
			return fmt.Sprintf("Only invoices in OPEN, PAID, PARTIALLY_PAID or CORRECTION_NEEDED can be canceled; %s is a %s in %s", id, text(d["kind"]), from)
		}
		if d["_rectifiedBy"] != nil {
			return fmt.Sprintf("Invoice %s has a rectifying document and cannot be canceled", id)
		}
		return ""
	case to == "VOID_REQUESTED":
		if slices.Contains(fdVoidable, from) {
			return ""
		}
	case slices.Contains(fdPartnerMoves[from], to):
		return ""
	}
	return fmt.Sprintf("Fiscal document %s cannot move from %s to %s", id, from, to)
}

func (st *cbFiscalState) requireAttention(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in struct {
		RequireAttention bool `json:"requireAttention"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	d := st.doc(w, params["id"])
	if d == nil {
		return
	}
	d["requireAttention"] = in.RequireAttention
	d["updatedAt"] = st.timestamp()
	st.answer(w, http.StatusOK, summary(d))
}

func (st *cbFiscalState) email(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in struct {
		Emails  []string `json:"emails"`
		FileIDs []string `json:"fileIds"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	d := st.doc(w, params["id"])
	if d == nil {
		return
	}
	for _, f := range in.FileIDs {
		if !st.hasFile(d, f) {
			cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "File "+f+" not found")
			return
		}
	}
	st.emails[params["id"]] = append(st.emails[params["id"]], in.Emails...)
	st.answer(w, http.StatusOK, map[string]any{})
}

// hasFile reports whether d has a stored file of id.
func (st *cbFiscalState) hasFile(d map[string]any, id string) bool {
	files, _ := d["files"].([]any)
	return slices.ContainsFunc(files, func(f any) bool { m, _ := f.(map[string]any); return text(m["id"]) == id })
}

func (st *cbFiscalState) download(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	d := st.doc(w, params["id"])
	if d == nil {
		st.mu.Unlock()
		return
	}
	name := text(d["fileName"])
	if f := strings.TrimSpace(r.URL.Query().Get("fileId")); f != "" && !st.hasFile(d, f) {
		st.mu.Unlock()
		cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "File "+f+" not found")
		return
	}
	st.mu.Unlock()
	if name == "" {
		name = params["id"] + ".pdf"
	}
	st.file(w, "application/octet-stream", name, fdPDF)
}

func (st *cbFiscalState) recipients(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	d := st.doc(w, params["id"])
	if d == nil {
		return
	}
	out, _ := d["recipients"].([]any)
	if out == nil {
		out = []any{}
	}
	st.answer(w, http.StatusOK, out)
}

// getFiscalDocuments lists documents with the filters the query names, sorted and paged.
func (st *cbFiscalState) getFiscalDocuments(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	in := func(key string, v any) bool {
		list := queryList(q, key)
		return len(list) == 0 || slices.Contains(list, text(v))
	}
	st.mu.Lock()
	var hits []map[string]any
	for _, id := range st.docOrder {
		d := st.docs[id]
		switch {
		case !in("ids", d["id"]), !in("sourceIds", d["sourceId"]), !in("sourceIdentifiers", d["sourceIdentifier"]),
			!in("sourceKind", d["sourceKind"]), !in("sourceKinds", d["sourceKind"]), !in("statuses", d["status"]),
			!in("kinds", d["kind"]), !in("origins", d["origin"]):
			continue
		case q.Get("numberContains") != "" && !strings.Contains(text(d["number"]), q.Get("numberContains")):
			continue
		case q.Get("hasDiscrepancies") != "" && text(d["hasDiscrepancies"]) != q.Get("hasDiscrepancies"):
			continue
		case !within(q, "amount", num(d["amount"])), !within(q, "balance", num(d["balance"])):
			continue
		case !between(q, "createdAt", text(d["createdAt"])), !between(q, "invoiceDatePropertyTimezone", text(d["invoiceDatePropertyTimezone"])),
			!between(q, "dueDatePropertyTimezone", text(d["dueDatePropertyTimezone"])):
			continue
		}
		hits = append(hits, project(d, st.docFields))
	}
	st.mu.Unlock()
	sortBy(hits, q.Get("sort"))
	items, next := page(hits, q.Get("pageToken"), limit(q))
	out := map[string]any{"fiscalDocuments": items}
	if next != "" {
		out["nextPageToken"] = next
	}
	st.answer(w, http.StatusOK, out)
}

// within reports whether f lies in the query's <name>From and <name>To bounds.
func within(q url.Values, name string, f float64) bool {
	if v := q.Get(name + "From"); v != "" && f < num(v) {
		return false
	}
	if v := q.Get(name + "To"); v != "" && f > num(v) {
		return false
	}
	return true
}

// between reports whether the date or timestamp s lies in the query's <name>From and <name>To
// bounds (compared as text, which orders ISO dates).
func between(q url.Values, name, s string) bool {
	if v := q.Get(name + "From"); v != "" && (s == "" || s < v) {
		return false
	}
	if v := q.Get(name + "To"); v != "" && (s == "" || s[:min(len(s), len(v))] > v) {
		return false
	}
	return true
}

// sortBy orders items by a "field:asc|desc" sort parameter; unknown fields keep the order.
func sortBy(items []map[string]any, sort string) {
	field, dir, _ := strings.Cut(sort, ":")
	key := map[string]string{"createdAt": "createdAt", "dueDate": "dueDatePropertyTimezone", "invoiceDate": "invoiceDatePropertyTimezone",
		"kind": "kind", "status": "status", "transactionDate": "transactionDate", "amount": "amount"}[field]
	if key == "" {
		return
	}
	slices.SortStableFunc(items, func(a, b map[string]any) int {
		c := cmp.Compare(text(a[key]), text(b[key]))
		if key == "amount" {
			c = cmp.Compare(num(a[key]), num(b[key]))
		}
		if strings.EqualFold(dir, "desc") {
			return -c
		}
		return c
	})
}

// limit returns the query's page size.
func limit(q url.Values) int {
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 {
		return n
	}
	return fdDefaultLimit
}

func (st *cbFiscalState) countDiscrepancies(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	st.mu.Lock()
	n := 0
	for _, d := range st.docs {
		if text(d["sourceId"]) == q.Get("sourceId") && text(d["sourceKind"]) == q.Get("sourceKind") && d["hasDiscrepancies"] == true {
			n++
		}
	}
	st.mu.Unlock()
	st.answer(w, http.StatusOK, map[string]any{"total": n})
}

// Transactions.

// txView returns transaction id as a list shows it: the declared fields with its invoiced status
// and what no document holds yet, and with nest its taxes under it.
func (st *cbFiscalState) txView(id string, nest bool) map[string]any {
	t := st.txs[id]
	v := project(t, st.txFields)
	if st.invoicedBy(id) != "" {
		v["invoicedStatus"], v["availableAmount"] = "FULLY_INVOICED", 0.0
		v["documentFiscalizedAmount"] = num(t["amount"])
	} else {
		v["invoicedStatus"], v["availableAmount"], v["documentFiscalizedAmount"] = "NOT_INVOICED", num(t["amount"]), 0.0
	}
	if nest {
		var taxes []any
		for _, tid := range st.txOrder {
			if text(st.txs[tid]["_parent"]) == id {
				taxes = append(taxes, st.txView(tid, false))
			}
		}
		if taxes != nil {
			v["taxes"] = taxes
		}
	}
	return v
}

// listTxs answers one page of the transactions ids names, sorted and paged by the query.
func (st *cbFiscalState) listTxs(w http.ResponseWriter, q url.Values, list []string) {
	nest := q.Get("nestTaxes") == "true"
	folios := queryList(q, "folioIds")
	var hits []map[string]any
	for _, id := range list {
		t := st.txs[id]
		if (nest && t["_parent"] != nil) || (len(folios) > 0 && !slices.Contains(folios, text(t["folioId"]))) {
			continue
		}
		hits = append(hits, st.txView(id, nest))
	}
	sortBy(hits, q.Get("sort"))
	items, next := page(hits, q.Get("pageToken"), limit(q))
	out := map[string]any{"transactions": items}
	if next != "" {
		out["nextPageToken"] = next
	}
	st.answer(w, http.StatusOK, out)
}

func (st *cbFiscalState) availableTransactions(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	kind := cmp.Or(q.Get("documentKind"), q.Get("forDocumentType"), "INVOICE")
	st.mu.Lock()
	defer st.mu.Unlock()
	var list []string
	for _, id := range st.txOrder {
		t := st.txs[id]
		if text(t["sourceId"]) != q.Get("sourceId") || text(t["sourceKind"]) != q.Get("sourceKind") {
			continue
		}
		if kind != "PRO_FORMA_INVOICE" && text(t["status"]) != "POSTED" {
			continue
		}
		if q.Get("showInvoiced") != "true" && st.invoicedBy(id) != "" {
			continue
		}
		list = append(list, id)
	}
	st.listTxs(w, q, list)
}

// related returns the documents linked to d, for includeLinkedDocumentTransactions.
func (st *cbFiscalState) related(d map[string]any) []string {
	var out []string
	linked, _ := d["linkedDocuments"].([]any)
	for _, l := range linked {
		if m, ok := l.(map[string]any); ok {
			out = append(out, text(m["id"]))
		}
	}
	return out
}

// heldBy returns the transactions document id holds, with include its linked documents' too.
func (st *cbFiscalState) heldBy(id string, include bool) []string {
	list := slices.Clone(st.holds[id])
	if include {
		for _, rid := range st.related(st.docs[id]) {
			for _, t := range st.holds[rid] {
				if !slices.Contains(list, t) {
					list = append(list, t)
				}
			}
		}
	}
	return list
}

func (st *cbFiscalState) documentTransactions(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	q := r.URL.Query()
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.doc(w, params["id"]) == nil {
		return
	}
	st.listTxs(w, q, st.heldBy(params["id"], q.Get("includeLinkedDocumentTransactions") == "true"))
}

// totals sums transactions into the summary answer.
func (st *cbFiscalState) totals(list []string, parts map[string]json.Number) map[string]any {
	var charges, paid, refunded, taxTotal float64
	taxes := map[string]float64{}
	var taxNames []string
	for _, id := range list {
		t := st.txs[id]
		amount := num(t["amount"])
		if p, ok := parts[id]; ok {
			amount, _ = p.Float64()
		}
		switch {
		case t["_parent"] != nil:
			name := text(t["description"])
			if _, ok := taxes[name]; !ok {
				taxNames = append(taxNames, name)
			}
			taxes[name] += amount
			taxTotal += amount
		case amount < 0 && num(t["paidAmount"]) > 0:
			paid -= amount
		case amount < 0:
			refunded -= amount
		default:
			charges += amount
		}
	}
	f := func(v float64) string { return strconv.FormatFloat(money(v), 'f', 2, 64) }
	taxList := []any{}
	for _, n := range taxNames {
		taxList = append(taxList, map[string]any{"name": n, "amount": f(taxes[n])})
	}
	total := charges + taxTotal
	return map[string]any{"chargesAndAdjustments": f(charges), "taxes": taxList, "paid": f(paid), "refunded": f(refunded),
		"total": f(total), "currency": "USD", "propertyCurrency": "USD", "propertyCurrencyTotal": f(total),
		"transactionCount": len(list), "maxTransactions": 500}
}

func (st *cbFiscalState) selectedSummary(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in fdIssue
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	txs, _, ok := st.selection(w, in, false)
	if !ok {
		return
	}
	st.answer(w, http.StatusOK, st.totals(txs, in.TransactionIDToAmount))
}

func (st *cbFiscalState) selectedSummaryQuery(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	numbers := func(key string) []json.Number {
		var out []json.Number
		for _, v := range queryList(q, key) {
			out = append(out, json.Number(v))
		}
		return out
	}
	in := fdIssue{SourceID: json.Number(q.Get("sourceId")), SourceKind: q.Get("sourceKind"), FolioIDs: numbers("folioIds"),
		ExcludeTransactionIDs: numbers("excludeTransactionIds"), IncludeTransactionIDs: numbers("includeTransactionIds")}
	st.mu.Lock()
	defer st.mu.Unlock()
	txs, _, ok := st.selection(w, in, false)
	if !ok {
		return
	}
	st.answer(w, http.StatusOK, st.totals(txs, nil))
}

func (st *cbFiscalState) documentSummary(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.doc(w, params["id"]) == nil {
		return
	}
	st.answer(w, http.StatusOK, st.totals(st.heldBy(params["id"], r.URL.Query().Get("includeLinkedDocumentTransactions") == "true"), nil))
}

// Receipts and allocations.

// allocated returns how much of charge t the live receipts' allocations cover.
func (st *cbFiscalState) allocated(t string) float64 {
	var sum float64
	for rid, list := range st.allocs {
		if d := st.docs[rid]; d == nil || !active(d) {
			continue
		}
		for _, a := range list {
			if a.tx == t {
				sum += a.amount
			}
		}
	}
	return sum
}

// allocations parses and checks allocations of a payment of amount: they add up to it and fit
// what each charge has left. It answers 400 or 404 and returns ok false otherwise.
func (st *cbFiscalState) allocations(w http.ResponseWriter, in []map[string]json.Number, amount float64) (out []fdAllocation, ok bool) {
	var sum float64
	for _, a := range in {
		id := a["transactionId"].String()
		t := st.txs[id]
		if t == nil {
			cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "Transaction "+id+" not found")
			return nil, false
		}
		f, _ := a["amount"].Float64()
		if left := num(t["amount"]) - st.allocated(id); f <= 0 || f > left+0.005 {
			refuse(w, "ALLOCATION_EXCEEDS_BALANCE", "Transaction %s has %.2f left to allocate, not %.2f", id, left, f)
			return nil, false
		}
		sum += f
		out = append(out, fdAllocation{tx: id, amount: f})
	}
	if math.Abs(sum-amount) > 0.005 {
		refuse(w, "ALLOCATION_AMOUNT_MISMATCH", "Allocations add up to %.2f, the payment is %.2f", sum, amount)
		return nil, false
	}
	return out, true
}

// invoiceLoose puts the allocated charges no active invoice holds on a new invoice.
func (st *cbFiscalState) invoiceLoose(list []fdAllocation, in fdIssue) {
	var loose []string
	var amount float64
	for _, a := range list {
		if st.invoicedBy(a.tx) == "" && !slices.Contains(loose, a.tx) {
			loose = append(loose, a.tx)
			amount += num(st.txs[a.tx]["amount"])
		}
	}
	if len(loose) > 0 {
		st.issue("INVOICE", "OPEN", in.SourceID.String(), in.SourceKind, amount, loose, in)
	}
}

func (st *cbFiscalState) createReceipt(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in struct {
		fdIssue
		Allocations   []map[string]json.Number `json:"allocations"`
		TransactionID json.Number              `json:"transactionId"`
		PaymentID     json.Number              `json:"paymentId"`
		InvoiceID     json.Number              `json:"invoiceId"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	pid := cmp.Or(in.PaymentID.String(), in.TransactionID.String())
	pay := st.txs[pid]
	if pay == nil || num(pay["amount"]) >= 0 {
		cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "Payment "+pid+" not found")
		return
	}
	amount := -num(pay["amount"])
	var inv map[string]any
	if in.InvoiceID != "" {
		if inv = st.doc(w, in.InvoiceID.String()); inv == nil {
			return
		}
	}
	list, ok := st.allocations(w, in.Allocations, amount)
	if len(in.Allocations) > 0 && !ok {
		return
	}
	rc := st.issue("RECEIPT", "OPEN", in.SourceID.String(), in.SourceKind, amount, []string{pid}, in.fdIssue)
	if len(list) > 0 {
		st.allocs[text(rc["id"])] = list
		st.invoiceLoose(list, in.fdIssue)
	}
	if inv != nil {
		st.link(inv, rc)
	}
	st.answer(w, http.StatusOK, summary(rc))
}

func (st *cbFiscalState) createSimpleReceipts(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in fdIssue
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, id := range ids(in.TransactionIDs) {
		if t := st.txs[id]; t == nil || num(t["amount"]) >= 0 {
			cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "Payment "+id+" not found")
			return
		}
	}
	out := []any{}
	for _, id := range ids(in.TransactionIDs) {
		out = append(out, summary(st.issue("RECEIPT", "OPEN", in.SourceID.String(), in.SourceKind, -num(st.txs[id]["amount"]), []string{id}, in)))
	}
	st.answer(w, http.StatusOK, out)
}

// receipt returns the receipt of id, answering 404 when there is none.
func (st *cbFiscalState) receipt(w http.ResponseWriter, id string) map[string]any {
	d := st.docs[id]
	if d == nil || !isKind(d, "RECEIPT") {
		cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "Receipt "+id+" not found")
		return nil
	}
	return d
}

func (st *cbFiscalState) voidReceipt(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rc := st.receipt(w, params["receiptId"])
	if rc == nil {
		return
	}
	if status := text(rc["status"]); status != "OPEN" {
		refuse(w, "INVALID_STATUS_TRANSITION", "Receipt %s is %s; only OPEN receipts can be voided", params["receiptId"], status)
		return
	}
	st.setStatus(rc, "VOIDED")
	delete(st.allocs, params["receiptId"])
	st.noContent(w)
}

func (st *cbFiscalState) applyReceipt(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in struct {
		InvoiceID json.Number `json:"invoiceId"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	rc := st.receipt(w, params["receiptId"])
	if rc == nil {
		return
	}
	switch {
	case text(rc["status"]) != "OPEN":
		refuse(w, "INVALID_STATUS_TRANSITION", "Receipt %s is %s; only OPEN receipts can be applied", params["receiptId"], text(rc["status"]))
		return
	case len(st.allocs[params["receiptId"]]) > 0:
		refuse(w, "RECEIPT_HAS_ALLOCATIONS", "Receipt %s has allocations and cannot be applied", params["receiptId"])
		return
	}
	inv := st.doc(w, in.InvoiceID.String())
	if inv == nil {
		return
	}
	if !isKind(inv, fdInvoiceKinds...) || !active(inv) || slices.Contains(fdRefusesCredit, text(inv["status"])) {
		refuse(w, "INVALID_DOCUMENT_STATUS", "Fiscal document %s is a %s in %s and takes no receipts", in.InvoiceID, text(inv["kind"]), text(inv["status"]))
		return
	}
	balance := money(num(inv["balance"]) - num(rc["amount"]))
	inv["balance"] = math.Max(balance, 0)
	if balance <= 0 {
		st.setStatus(inv, "PAID")
	} else {
		st.setStatus(inv, "PARTIALLY_PAID")
	}
	st.link(inv, rc)
	st.setStatus(rc, "APPLIED")
	st.noContent(w)
}

func (st *cbFiscalState) allocateReceiptPayment(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in struct {
		ReceiptID   json.Number              `json:"receiptId"`
		Allocations []map[string]json.Number `json:"allocations"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	id := in.ReceiptID.String()
	rc := st.receipt(w, id)
	if rc == nil {
		return
	}
	if text(rc["status"]) != "OPEN" || len(st.allocs[id]) > 0 {
		refuse(w, "INVALID_STATUS_TRANSITION", "Receipt %s is %s and already allocated or settled", id, text(rc["status"]))
		return
	}
	list, ok := st.allocations(w, in.Allocations, num(rc["amount"]))
	if !ok {
		return
	}
	st.allocs[id] = list
	st.invoiceLoose(list, fdIssue{SourceID: json.Number(text(rc["sourceId"])), SourceKind: text(rc["sourceKind"])})
	st.setStatus(rc, "ALLOCATED")
	st.answer(w, http.StatusOK, summary(rc))
}

func (st *cbFiscalState) getAllocations(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	in := func(key string, v any) bool {
		list := queryList(q, key)
		return len(list) == 0 || slices.Contains(list, text(v))
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []any{}
	for _, id := range st.docOrder {
		d := st.docs[id]
		list := st.allocs[id]
		if len(list) == 0 || !active(d) || !in("receiptIds", id) || !in("sourceIds", d["sourceId"]) ||
			!in("sourceIdentifiers", d["sourceIdentifier"]) || !in("sourceKind", d["sourceKind"]) {
			continue
		}
		items := []any{}
		for _, a := range list {
			items = append(items, map[string]any{"transaction_id": a.tx, "allocated_amount": a.amount})
		}
		out = append(out, map[string]any{"receipt_id": id, "source_id": d["sourceId"], "source_identifier": d["sourceIdentifier"],
			"source_kind": d["sourceKind"], "allocations": items})
	}
	st.answer(w, http.StatusOK, out)
}

func (st *cbFiscalState) invoiceAllocations(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	inv := st.doc(w, params["id"])
	if inv == nil {
		return
	}
	if !isKind(inv, fdInvoiceKinds...) {
		refuse(w, "INVALID_DOCUMENT_KIND", "Fiscal document %s is a %s, not an invoice", params["id"], text(inv["kind"]))
		return
	}
	items := []any{}
	for _, t := range st.holds[params["id"]] {
		if a := st.allocated(t); a > 0 {
			items = append(items, map[string]any{"transaction_id": t, "allocated_amount": money(a)})
		}
	}
	st.answer(w, http.StatusOK, map[string]any{"allocations": items})
}

func (st *cbFiscalState) allocationsSummary(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	st.mu.Lock()
	defer st.mu.Unlock()
	var total, allocated float64
	for _, d := range st.docs {
		if !isKind(d, "RECEIPT") || !active(d) || text(d["sourceId"]) != q.Get("sourceId") || text(d["sourceKind"]) != q.Get("sourceKind") {
			continue
		}
		total += num(d["amount"])
		for _, a := range st.allocs[text(d["id"])] {
			allocated += a.amount
		}
	}
	st.answer(w, http.StatusOK, map[string]any{"totalAmount": money(total), "totalAllocated": money(allocated)})
}

func (st *cbFiscalState) allocationTransactions(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	docs := append(queryList(q, "documentIds"), queryList(q, "documentId")...)
	statuses := queryList(q, "statuses")
	folios := queryList(q, "folioIds")
	st.mu.Lock()
	defer st.mu.Unlock()
	var hits []map[string]any
	for _, id := range st.txOrder {
		t := st.txs[id]
		switch {
		case text(t["sourceId"]) != q.Get("sourceId") || text(t["sourceKind"]) != q.Get("sourceKind"),
			t["_parent"] != nil || num(t["amount"]) <= 0,
			len(statuses) > 0 && !slices.Contains(statuses, text(t["status"])),
			len(folios) > 0 && !slices.Contains(folios, text(t["folioId"])),
			len(docs) > 0 && !slices.ContainsFunc(docs, func(d string) bool { return slices.Contains(st.holds[d], id) }):
			continue
		}
		a := st.allocated(id)
		hits = append(hits, map[string]any{"id": id, "propertyId": t["propertyId"], "sourceId": t["sourceId"], "sourceKind": t["sourceKind"],
			"transactionDate": t["transactionDate"], "description": t["description"], "internalCode": t["internalCode"],
			"amount": num(t["amount"]), "allocatedAmount": money(a), "availableAmount": money(num(t["amount"]) - a),
			"status": t["status"], "taxes": []any{}})
	}
	sortBy(hits, q.Get("sort"))
	items, next := page(hits, q.Get("pageToken"), limit(q))
	out := map[string]any{"transactions": items}
	if next != "" {
		out["nextPageToken"] = next
	}
	st.answer(w, http.StatusOK, out)
}

// Files.

// pdf answers a rendered PDF.
func (st *cbFiscalState) pdf(name string) opFunc {
	return func(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
		st.file(w, "application/octet-stream", name, fdPDF)
	}
}

// previewAgainstInvoice answers a PDF once the body's invoiceId names a creditable invoice.
func (st *cbFiscalState) previewAgainstInvoice(name string) opFunc {
	return func(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
		var in struct {
			InvoiceID json.Number `json:"invoiceId"`
		}
		if !st.readJSON(w, body, &in) {
			return
		}
		st.mu.Lock()
		inv := st.creditable(w, in.InvoiceID.String())
		st.mu.Unlock()
		if inv != nil {
			st.file(w, "application/octet-stream", name, fdPDF)
		}
	}
}

func (st *cbFiscalState) report(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	q := r.URL.Query()
	st.file(w, "application/xml", fmt.Sprintf("%s-%s-%02d.xml", params["reportId"], q.Get("year"), int(num(q.Get("period")))), fdXML)
}

func (st *cbFiscalState) connectionReport(w http.ResponseWriter, r *http.Request, params map[string]string, body []byte) {
	st.mu.Lock()
	c := st.conn(w, params["connectionId"])
	st.mu.Unlock()
	if c != nil {
		st.report(w, r, params, body)
	}
}

// Settings and logo.

func (st *cbFiscalState) getConfigs(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.answer(w, http.StatusOK, map[string]any{"configs": st.configs})
}

func (st *cbFiscalState) updateConfigs(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	kind := params["documentKind"]
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.configs[kind]
	if c == nil {
		c = map[string]any{"propertyId": st.cb.s.creds.CloudbedsPropertyID, "documentKind": kind}
		st.configs[kind] = c
	}
	for k, v := range in {
		if k != "sequenceStartNumber" && k != "logoId" {
			c[k] = v
		}
	}
	st.answer(w, http.StatusOK, c)
}

// logoURLs is the answer of getLogo.
func (st *cbFiscalState) logoURLs() map[string]any {
	return map[string]any{"logoUrl": "https://files.example.com/" + st.cb.s.creds.CloudbedsPropertyID + "/logo.png",
		"originalLogoUrl": "https://files.example.com/" + st.cb.s.creds.CloudbedsPropertyID + "/logo-original.png"}
}

// needLogo answers 404 and returns false when no logo is uploaded.
func (st *cbFiscalState) needLogo(w http.ResponseWriter) bool {
	if st.logo == "" {
		cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "No logo uploaded")
		return false
	}
	return true
}

func (st *cbFiscalState) getLogo(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.needLogo(w) {
		st.answer(w, http.StatusOK, st.logoURLs())
	}
}

func (st *cbFiscalState) uploadLogo(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	st.logo = "uploaded"
	st.mu.Unlock()
	cbRequestID(w)
	w.WriteHeader(http.StatusOK) // upstream: an empty 200
}

func (st *cbFiscalState) cropLogo(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.needLogo(w) {
		st.logo = "cropped"
		cbRequestID(w)
		w.WriteHeader(http.StatusOK)
	}
}

func (st *cbFiscalState) deleteLogo(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.needLogo(w) {
		st.logo = ""
		cbRequestID(w)
		w.WriteHeader(http.StatusOK)
	}
}

// Connections, drafts and routing.

// conn returns the connection of id, answering 404 when there is none.
func (st *cbFiscalState) conn(w http.ResponseWriter, id string) map[string]any {
	c := st.conns[id]
	if c == nil {
		cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "Fiscal connection "+id+" not found")
	}
	return c
}

// sortedConns returns the connections ordered by id.
func (st *cbFiscalState) sortedConns() []any {
	keys := sortedKeys(st.conns)
	slices.SortFunc(keys, func(a, b string) int { return cmp.Compare(num(a), num(b)) })
	out := []any{}
	for _, k := range keys {
		out = append(out, st.conns[k])
	}
	return out
}

// sortedDrafts returns the drafts ordered by provider.
func (st *cbFiscalState) sortedDrafts() []any {
	out := []any{}
	for _, k := range sortedKeys(st.drafts) {
		out = append(out, st.drafts[k])
	}
	return out
}

func (st *cbFiscalState) listConnections(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := map[string]any{"connections": st.sortedConns()}
	if r.URL.Query().Get("drafts") == "true" {
		out["drafts"] = st.sortedDrafts()
	}
	st.answer(w, http.StatusOK, out)
}

func (st *cbFiscalState) createConnection(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in struct {
		ProviderID string         `json:"providerId"`
		Data       map[string]any `json:"data"`
		TaxID      string         `json:"taxId"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, c := range st.conns {
		if p, _ := c["provider"].(map[string]any); text(p["id"]) == in.ProviderID {
			cloudbedsFiscalError(w, http.StatusConflict, "PROVIDER_ALREADY_CONNECTED", "Provider "+in.ProviderID+" is already connected")
			return
		}
	}
	st.nextConn++
	id := strconv.FormatInt(st.nextConn, 10)
	code, country, _ := strings.Cut(in.ProviderID, "-")
	c := map[string]any{"id": st.nextConn, "status": "verifying", "connectedAt": st.timestamp(),
		"provider":   map[string]any{"id": in.ProviderID, "code": code, "name": strings.ToUpper(code[:min(1, len(code))]) + code[min(1, len(code)):]},
		"channel":    map[string]any{"country": strings.ToUpper(country), "code": "default"},
		"onboarding": map[string]any{"completed": []any{"registration"}, "total": 1, "progress": "1/1", "done": true}}
	if in.TaxID != "" {
		c["taxId"] = in.TaxID
	}
	st.conns[id] = c
	st.sections[id] = map[string]any{"registration": in.Data}
	delete(st.drafts, in.ProviderID)
	st.answer(w, http.StatusCreated, c)
}

func (st *cbFiscalState) getConnection(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if c := st.conn(w, params["connectionId"]); c != nil {
		st.answer(w, http.StatusOK, c)
	}
}

func (st *cbFiscalState) updateConnection(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in struct {
		Sections map[string]any `json:"sections"`
		TaxID    *string        `json:"taxId"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["connectionId"]
	c := st.conn(w, id)
	if c == nil {
		return
	}
	if in.TaxID != nil {
		c["taxId"] = *in.TaxID
	}
	if st.sections[id] == nil {
		st.sections[id] = map[string]any{}
	}
	for k, v := range in.Sections {
		st.sections[id][k] = v
	}
	st.answer(w, http.StatusOK, c)
}

func (st *cbFiscalState) disconnect(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["connectionId"]
	if st.conn(w, id) == nil {
		return
	}
	delete(st.conns, id)
	delete(st.sections, id)
	delete(st.series, id)
	delete(st.certs, id)
	delete(st.logos, id)
	for _, r := range st.routing {
		if text(r["connection"]) == id {
			r["connection"], r["enabled"] = nil, false
		}
	}
	st.noContent(w)
}

// moveConnection moves a connection to status from one of the statuses from, refusing others
// with 400.
func (st *cbFiscalState) moveConnection(to string, from ...string) opFunc {
	return func(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
		st.mu.Lock()
		defer st.mu.Unlock()
		c := st.conn(w, params["connectionId"])
		if c == nil {
			return
		}
		if status := text(c["status"]); !slices.Contains(from, status) {
			refuse(w, "INVALID_CONNECTION_STATUS", "Fiscal connection %s is %s; it must be %s", params["connectionId"], status, strings.Join(from, " or "))
			return
		}
		c["status"] = to
		if to == "paused" {
			c["pausedAt"] = st.timestamp()
		} else {
			delete(c, "pausedAt")
		}
		st.answer(w, http.StatusOK, c)
	}
}

// setSeries activates (deactivating the connection's other series of the same kind) or
// deactivates a series.
func (st *cbFiscalState) setSeries(on bool) opFunc {
	return func(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
		var in struct {
			SeriesCode   string `json:"seriesCode"`
			DocumentKind string `json:"documentKind"`
		}
		if !st.readJSON(w, body, &in) {
			return
		}
		kind := cmp.Or(in.DocumentKind, "INVOICE")
		st.mu.Lock()
		defer st.mu.Unlock()
		id := params["connectionId"]
		if st.conn(w, id) == nil {
			return
		}
		list := st.series[id]
		i := slices.IndexFunc(list, func(s map[string]any) bool { return s["seriesName"] == in.SeriesCode && s["documentKind"] == kind })
		switch {
		case i < 0 && !on:
			refuse(w, "SERIES_NOT_FOUND", "Fiscal connection %s has no %s series %s", id, kind, in.SeriesCode)
			return
		case i < 0:
			list = append(list, map[string]any{"documentKind": kind, "seriesName": in.SeriesCode, "active": false})
			i = len(list) - 1
		}
		if on {
			for _, s := range list {
				if s["documentKind"] == kind {
					s["active"] = false
				}
			}
		}
		list[i]["active"] = on
		st.series[id] = list
		out := []any{}
		for _, s := range list {
			out = append(out, s)
		}
		st.answer(w, http.StatusOK, map[string]any{"series": out})
	}
}

func (st *cbFiscalState) testConnection(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.conn(w, params["connectionId"])
	if c == nil {
		return
	}
	out := map[string]any{"ok": c["status"] == "active", "latencyMs": 42, "checkedAt": st.timestamp()}
	if c["status"] != "active" {
		out["detail"] = "The connection is " + text(c["status"])
	}
	st.answer(w, http.StatusOK, out)
}

func (st *cbFiscalState) getCertificate(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["connectionId"]
	if st.conn(w, id) == nil {
		return
	}
	if c := st.certs[id]; c != nil {
		st.answer(w, http.StatusOK, c)
		return
	}
	cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "Fiscal connection "+id+" has no certificate")
}

func (st *cbFiscalState) uploadCertificate(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["connectionId"]
	if st.conn(w, id) == nil {
		return
	}
	now := st.now().UTC()
	st.certs[id] = map[string]any{"verified": true, "createdAt": now.Format(time.RFC3339), "updatedAt": now.Format(time.RFC3339),
		"expiresAt": now.AddDate(2, 0, 0).Format(time.RFC3339), "providerValid": true}
	st.noContent(w)
}

func (st *cbFiscalState) uploadConnectionLogo(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["connectionId"]
	if st.conn(w, id) == nil {
		return
	}
	st.logos[id] = true
	st.answer(w, http.StatusOK, map[string]any{"logoUrl": "https://files.example.com/connection-" + id + ".png"})
}

func (st *cbFiscalState) deleteConnectionLogo(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["connectionId"]
	if st.conn(w, id) == nil {
		return
	}
	if !st.logos[id] {
		cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "Fiscal connection "+id+" has no logo")
		return
	}
	delete(st.logos, id)
	st.noContent(w)
}

func (st *cbFiscalState) getSection(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["connectionId"]
	if st.conn(w, id) == nil {
		return
	}
	v, _ := st.sections[id][params["sectionKey"]].(map[string]any)
	if v == nil {
		v = map[string]any{}
	}
	st.answer(w, http.StatusOK, v)
}

func (st *cbFiscalState) updateSection(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["connectionId"]
	c := st.conn(w, id)
	if c == nil {
		return
	}
	if st.sections[id] == nil {
		st.sections[id] = map[string]any{}
	}
	st.sections[id][params["sectionKey"]] = in
	if c["status"] == "verifying" {
		c["status"] = "active" // every required section is complete once one is saved
	}
	st.answer(w, http.StatusOK, c)
}

// fdRuleSections are the sections that have rules.
var fdRuleSections = []string{"series", "taxCodes", "paymentMethods", "items", "operators"}

func (st *cbFiscalState) sectionRulesOf(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	c := st.conn(w, params["connectionId"])
	st.mu.Unlock()
	if c == nil {
		return
	}
	if !slices.Contains(fdRuleSections, params["sectionKey"]) {
		cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND", "Section "+params["sectionKey"]+" has no rules")
		return
	}
	st.answer(w, http.StatusOK, st.sectionRules)
}

func (st *cbFiscalState) listDrafts(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.answer(w, http.StatusOK, map[string]any{"drafts": st.sortedDrafts()})
}

func (st *cbFiscalState) upsertDraft(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	d := map[string]any{"providerId": params["providerId"], "data": in["data"], "updatedAt": st.timestamp()}
	if step, ok := in["currentStep"]; ok {
		d["currentStep"] = step
	}
	st.drafts[params["providerId"]] = d
	st.answer(w, http.StatusOK, d)
}

func (st *cbFiscalState) deleteDraft(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	delete(st.drafts, params["providerId"])
	st.mu.Unlock()
	st.noContent(w)
}

func (st *cbFiscalState) listRouting(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.answer(w, http.StatusOK, map[string]any{"routing": st.routingList()})
}

// routingList returns the routing rules as a JSON list.
func (st *cbFiscalState) routingList() []any {
	out := []any{}
	for _, r := range st.routing {
		out = append(out, r)
	}
	return out
}

func (st *cbFiscalState) replaceRouting(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in struct {
		Routing []map[string]any `json:"routing"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, r := range in.Routing {
		if c := r["connection"]; c != nil && st.conns[text(c)] == nil {
			refuse(w, "INVALID_REQUEST", "Fiscal connection %s does not exist", text(c))
			return
		}
	}
	now := st.timestamp()
	for _, r := range in.Routing {
		r["source"], r["updatedAt"] = "manual", now
	}
	st.routing = in.Routing
	st.answer(w, http.StatusOK, map[string]any{"routing": st.routingList()})
}

func (st *cbFiscalState) patchRouting(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, r := range st.routing {
		ch, _ := r["channel"].(map[string]any)
		if text(ch["country"]) != params["countryCode"] || text(ch["code"]) != params["channelCode"] || text(r["flow"]) != params["flowId"] {
			continue
		}
		if c, ok := in["connection"]; ok {
			if c != nil && st.conns[text(c)] == nil {
				refuse(w, "INVALID_REQUEST", "Fiscal connection %s does not exist", text(c))
				return
			}
			r["connection"] = c
		}
		if e, ok := in["enabled"]; ok {
			r["enabled"] = e
		}
		r["source"], r["updatedAt"] = "manual", st.timestamp()
		st.answer(w, http.StatusOK, r)
		return
	}
	cloudbedsFiscalError(w, http.StatusNotFound, "ENTITY_NOT_FOUND",
		fmt.Sprintf("No routing rule for %s/%s/%s", params["countryCode"], params["channelCode"], params["flowId"]))
}

// fiscalizationStatus reports, per routing rule, whether its flow goes through an active
// connection.
func (st *cbFiscalState) fiscalizationStatus(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	activeConns := 0
	for _, c := range st.conns {
		if c["status"] == "active" {
			activeConns++
		}
	}
	ready := true
	flows := []any{}
	for _, r := range st.routing {
		f := map[string]any{"flow": map[string]any{"id": r["flow"]}, "channel": r["channel"], "connection": nil}
		c := st.conns[text(r["connection"])]
		ok := r["enabled"] == true && c != nil && c["status"] == "active"
		if c != nil {
			p, _ := c["provider"].(map[string]any)
			f["connection"] = map[string]any{"id": c["id"], "provider": p["code"]}
		}
		f["ready"] = ok
		ready = ready && ok
		flows = append(flows, f)
	}
	st.answer(w, http.StatusOK, map[string]any{"ready": ready && len(flows) > 0, "active": activeConns, "flows": flows})
}
