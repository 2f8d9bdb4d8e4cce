package sandbox_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsfiscal"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// cbFiscalProperty is the sandbox's property, as the X-Property-ID header wants it.
const cbFiscalProperty = 172938

// cbFiscalClient returns a Fiscal Documents client on a fresh sandbox with its API key.
func cbFiscalClient(t *testing.T) (*cloudbedsfiscal.ClientWithResponses, string) {
	t.Helper()
	sb, root := start(t, sandbox.Options{})
	c, err := cloudbedsfiscal.New(hospitality.ConnectCloudbedsFiscalDocuments(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsFiscalAPIPath,
	}, cbNoLimit))
	if err != nil {
		t.Fatalf("ConnectCloudbedsFiscalDocuments: %v", err)
	}
	return c, root
}

// wantCode checks that err is an API error with status 400 and errorCode code.
func wantCode(t *testing.T, what string, err error, status int, code string) {
	t.Helper()
	var ae *hospitality.APIError
	if !errors.As(err, &ae) || ae.StatusCode != status || ae.Code != code {
		t.Errorf("%s = %v, want %d %s", what, err, status, code)
	}
}

// statusOf returns the status of document id as getFiscalDocuments lists it.
func statusOf(t *testing.T, c *cloudbedsfiscal.ClientWithResponses, id string) cloudbedsfiscal.FiscalDocumentStatus {
	t.Helper()
	res, err := c.GetFiscalDocumentsWithResponse(context.Background(), &cloudbedsfiscal.GetFiscalDocumentsParams{
		PropertyID: cbFiscalProperty, Ids: &[]string{id}})
	if err != nil || res.JSON200 == nil || len(*res.JSON200.FiscalDocuments) != 1 {
		t.Fatalf("GetFiscalDocuments(ids=%s) = %v, %v", id, res, err)
	}
	return *(*res.JSON200.FiscalDocuments)[0].Status
}

func TestCloudbedsFiscalInvoiceLifecycle(t *testing.T) {
	c, _ := cbFiscalClient(t)
	ctx := context.Background()
	p := func() *cloudbedsfiscal.CreateInvoiceParams {
		return &cloudbedsfiscal.CreateInvoiceParams{PropertyID: cbFiscalProperty}
	}
	body := cloudbedsfiscal.CreateInvoiceJSONRequestBody{TransactionIds: []int64{700001}, SourceID: 9876543210,
		SourceKind: cloudbedsfiscal.SourceKindRESERVATION}
	inv, err := c.CreateInvoiceWithResponse(ctx, p(), body)
	if err != nil || inv.JSON200 == nil || *inv.JSON200.Status != cloudbedsfiscal.FiscalDocumentStatusOPEN {
		t.Fatalf("CreateInvoice = %v, %v; want an OPEN invoice", inv, err)
	}
	id := *inv.JSON200.ID
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		t.Fatalf("invoice id %q: %v", id, err)
	}

	// The charge and its tax are on the invoice now: a second invoice is refused and the
	// available list leaves them out.
	_, err = c.CreateInvoiceWithResponse(ctx, p(), body)
	wantCode(t, "CreateInvoice again", err, http.StatusBadRequest, "TRANSACTIONS_ALREADY_INVOICED")
	avail, err := c.GetFiscalDocumentTransactionsWithResponse(ctx, &cloudbedsfiscal.GetFiscalDocumentTransactionsParams{
		PropertyID: cbFiscalProperty, SourceID: 9876543210, SourceKind: cloudbedsfiscal.SourceKindRESERVATION})
	if err != nil {
		t.Fatal(err)
	}
	for _, tx := range *avail.JSON200.Transactions {
		if *tx.ID == "700001" || *tx.ID == "700002" {
			t.Errorf("available transactions still list %s", *tx.ID)
		}
	}
	held, err := c.GetFiscalDocumentTransactionsByIDWithResponse(ctx, id, &cloudbedsfiscal.GetFiscalDocumentTransactionsByIDParams{PropertyID: cbFiscalProperty})
	if err != nil || len(*held.JSON200.Transactions) != 2 {
		t.Fatalf("GetFiscalDocumentTransactionsByID = %v, %v; want the charge and its tax", held, err)
	}

	// A cancellation request, refused back to its status, then granted.
	put := func(status cloudbedsfiscal.FiscalDocumentStatus) error {
		_, err := c.PutFiscalDocumentWithResponse(ctx, n, &cloudbedsfiscal.PutFiscalDocumentParams{PropertyID: cbFiscalProperty},
			cloudbedsfiscal.PutFiscalDocumentJSONRequestBody{Status: &status})
		return err
	}
	wantCode(t, "OPEN → COMPLETED_INTEGRATION", put(cloudbedsfiscal.FiscalDocumentStatusCOMPLETEDINTEGRATION), http.StatusBadRequest, "INVALID_STATUS_TRANSITION")
	for _, step := range []cloudbedsfiscal.FiscalDocumentStatus{cloudbedsfiscal.FiscalDocumentStatusCANCELREQUESTED, cloudbedsfiscal.FiscalDocumentStatusOPEN,
		cloudbedsfiscal.FiscalDocumentStatusCANCELREQUESTED} {
		if err := put(step); err != nil {
			t.Fatalf("PutFiscalDocument(%s) = %v", step, err)
		}
	}
	wantCode(t, "CANCEL_REQUESTED → PAID", put(cloudbedsfiscal.FiscalDocumentStatusPAID), http.StatusBadRequest, "INVALID_STATUS_TRANSITION")
	_, err = c.CreateCreditNoteWithResponse(ctx, &cloudbedsfiscal.CreateCreditNoteParams{PropertyID: cbFiscalProperty},
		cloudbedsfiscal.CreateCreditNoteJSONRequestBody{InvoiceID: n, Method: cloudbedsfiscal.CreationMethodVOID})
	wantCode(t, "CreateCreditNote of a cancel-requested invoice", err, http.StatusBadRequest, "INVALID_DOCUMENT_STATUS")
	if err := put(cloudbedsfiscal.FiscalDocumentStatusCANCELED); err != nil {
		t.Fatalf("PutFiscalDocument(CANCELED) = %v", err)
	}
	if got := statusOf(t, c, id); got != cloudbedsfiscal.FiscalDocumentStatusCANCELED {
		t.Errorf("status = %s, want CANCELED", got)
	}
	wantCode(t, "CANCELED → OPEN", put(cloudbedsfiscal.FiscalDocumentStatusOPEN), http.StatusBadRequest, "INVALID_STATUS_TRANSITION")
	// A canceled invoice frees its transactions.
	if _, err := c.CreateInvoiceWithResponse(ctx, p(), body); err != nil {
		t.Errorf("CreateInvoice after the cancellation = %v", err)
	}
}

func TestCloudbedsFiscalCreditNoteAndRectify(t *testing.T) {
	c, _ := cbFiscalClient(t)
	ctx := context.Background()
	rect := func(invoice int64) (*cloudbedsfiscal.CreateRectifyInvoiceResponse, error) {
		return c.CreateRectifyInvoiceWithResponse(ctx, &cloudbedsfiscal.CreateRectifyInvoiceParams{PropertyID: cbFiscalProperty},
			cloudbedsfiscal.CreateRectifyInvoiceJSONRequestBody{InvoiceID: invoice, Method: cloudbedsfiscal.CreationMethodADJUSTMENT})
	}
	first, err := rect(5001)
	if err != nil || *first.JSON200.Kind != cloudbedsfiscal.FiscalDocumentKindRECTIFYINVOICE || *first.JSON200.LinkedTo != "5001" {
		t.Fatalf("CreateRectifyInvoice(5001) = %v, %v", first, err)
	}
	_, err = rect(5001)
	wantCode(t, "CreateRectifyInvoice(5001) again", err, http.StatusBadRequest, "INVOICE_ALREADY_RECTIFIED")
	var ae *hospitality.APIError
	if errors.As(err, &ae) && !strings.Contains(ae.Message, *first.JSON200.ID) {
		t.Errorf("the refusal %q does not name the latest invoice %s", ae.Message, *first.JSON200.ID)
	}
	// A void credit note voids the invoice; a second one is refused.
	cn := func() (*cloudbedsfiscal.CreateCreditNoteResponse, error) {
		return c.CreateCreditNoteWithResponse(ctx, &cloudbedsfiscal.CreateCreditNoteParams{PropertyID: cbFiscalProperty},
			cloudbedsfiscal.CreateCreditNoteJSONRequestBody{InvoiceID: 5007, Method: cloudbedsfiscal.CreationMethodVOID})
	}
	completed := cloudbedsfiscal.FiscalDocumentStatusCOMPLETEDINTEGRATION
	if _, err := c.PutFiscalDocumentWithResponse(ctx, 5007, &cloudbedsfiscal.PutFiscalDocumentParams{PropertyID: cbFiscalProperty},
		cloudbedsfiscal.PutFiscalDocumentJSONRequestBody{Status: &completed}); err != nil {
		t.Fatalf("PutFiscalDocument(5007, COMPLETED_INTEGRATION) = %v", err)
	}
	if res, err := cn(); err != nil || *res.JSON200.Status != cloudbedsfiscal.FiscalDocumentStatusCOMPLETED {
		t.Fatalf("CreateCreditNote(5007, VOID) = %v, %v", res, err)
	}
	if got := statusOf(t, c, "5007"); got != cloudbedsfiscal.FiscalDocumentStatusVOIDED {
		t.Errorf("invoice 5007 = %s after a void credit note, want VOIDED", got)
	}
	_, err = cn()
	wantCode(t, "CreateCreditNote of a voided invoice", err, http.StatusBadRequest, "INVALID_DOCUMENT_STATUS")
}

func TestCloudbedsFiscalProFormaAndReceipts(t *testing.T) {
	c, _ := cbFiscalClient(t)
	ctx := context.Background()
	pf := func(s cloudbedsfiscal.ProFormaStatusUpdateRequestStatus) error {
		_, err := c.UpdateProFormaInvoiceStatusWithResponse(ctx, 5004, &cloudbedsfiscal.UpdateProFormaInvoiceStatusParams{PropertyID: cbFiscalProperty},
			cloudbedsfiscal.UpdateProFormaInvoiceStatusJSONRequestBody{Status: s})
		return err
	}
	if err := pf(cloudbedsfiscal.ProFormaStatusUpdateRequestStatusREJECTED); err != nil {
		t.Fatalf("OPEN → REJECTED = %v", err)
	}
	wantCode(t, "REJECTED → ACCEPTED", pf(cloudbedsfiscal.ProFormaStatusUpdateRequestStatusACCEPTED), http.StatusBadRequest, "INVALID_STATUS_TRANSITION")
	if err := pf(cloudbedsfiscal.ProFormaStatusUpdateRequestStatusCANCELED); err != nil {
		t.Fatalf("REJECTED → CANCELED = %v", err)
	}
	_, err := c.UpdateProFormaInvoiceStatusWithResponse(ctx, 5001, &cloudbedsfiscal.UpdateProFormaInvoiceStatusParams{PropertyID: cbFiscalProperty},
		cloudbedsfiscal.UpdateProFormaInvoiceStatusJSONRequestBody{Status: cloudbedsfiscal.ProFormaStatusUpdateRequestStatusACCEPTED})
	wantCode(t, "UpdateProFormaInvoiceStatus of an invoice", err, http.StatusBadRequest, "INVALID_DOCUMENT_KIND")

	// Receipt 5005 (30.00) applied to invoice 5001 (230.50) leaves it partly paid; applied twice it is refused.
	apply := func(receipt int64) error {
		_, err := c.ApplyReceiptWithResponse(ctx, receipt, &cloudbedsfiscal.ApplyReceiptParams{PropertyID: cbFiscalProperty},
			cloudbedsfiscal.ApplyReceiptJSONRequestBody{InvoiceID: 5001})
		return err
	}
	if err := apply(5005); err != nil {
		t.Fatalf("ApplyReceipt(5005) = %v", err)
	}
	if got := statusOf(t, c, "5001"); got != cloudbedsfiscal.FiscalDocumentStatusPARTIALLYPAID {
		t.Errorf("invoice 5001 = %s, want PARTIALLY_PAID", got)
	}
	wantCode(t, "ApplyReceipt(5005) again", apply(5005), http.StatusBadRequest, "INVALID_STATUS_TRANSITION")
	void := func(receipt int64) error {
		_, err := c.VoidReceiptWithResponse(ctx, receipt, &cloudbedsfiscal.VoidReceiptParams{PropertyID: cbFiscalProperty})
		return err
	}
	if err := void(5006); err != nil {
		t.Fatalf("VoidReceipt(5006) = %v", err)
	}
	wantCode(t, "VoidReceipt(5006) again", void(5006), http.StatusBadRequest, "INVALID_STATUS_TRANSITION")
	wantCode(t, "VoidReceipt(5001), an invoice", void(5001), http.StatusNotFound, "ENTITY_NOT_FOUND")

	// Allocations must add up to the payment.
	alloc := func(amount float64) error {
		_, err := c.AllocateReceiptPaymentWithResponse(ctx, &cloudbedsfiscal.AllocateReceiptPaymentParams{PropertyID: cbFiscalProperty},
			cloudbedsfiscal.AllocateReceiptPaymentJSONRequestBody{ReceiptID: 5003,
				Allocations: []cloudbedsfiscal.ReceiptTransactionAllocation{{TransactionID: 700001, Amount: amount}}})
		return err
	}
	wantCode(t, "AllocateReceiptPayment(40 of 50)", alloc(40), http.StatusBadRequest, "ALLOCATION_AMOUNT_MISMATCH")
	if err := alloc(50); err != nil {
		t.Fatalf("AllocateReceiptPayment(50) = %v", err)
	}
	all, err := c.GetAllocationsWithResponse(ctx, &cloudbedsfiscal.GetAllocationsParams{PropertyID: cbFiscalProperty, ReceiptIds: &[]int64{5003}})
	if err != nil || len(*all.JSON200) != 1 || float64((*(*all.JSON200)[0].Allocations)[0].AllocatedAmount) != 50 {
		t.Errorf("GetAllocations(5003) = %+v, %v", all.JSON200, err)
	}
	if got := statusOf(t, c, "5003"); got != cloudbedsfiscal.FiscalDocumentStatusALLOCATED {
		t.Errorf("receipt 5003 = %s, want ALLOCATED", got)
	}
}

func TestCloudbedsFiscalConnections(t *testing.T) {
	c, _ := cbFiscalClient(t)
	ctx := context.Background()
	created, err := c.CreateFiscalConnectionWithResponse(ctx, &cloudbedsfiscal.CreateFiscalConnectionParams{PropertyID: cbFiscalProperty},
		cloudbedsfiscal.CreateFiscalConnectionJSONRequestBody{ProviderID: "fonoa-es", Data: map[string]any{"name": "Hotel Sol"}})
	if err != nil || created.JSON201 == nil || created.JSON201.Status != cloudbedsfiscal.Verifying {
		t.Fatalf("CreateFiscalConnection = %v, %v", created, err)
	}
	_, err = c.CreateFiscalConnectionWithResponse(ctx, &cloudbedsfiscal.CreateFiscalConnectionParams{PropertyID: cbFiscalProperty},
		cloudbedsfiscal.CreateFiscalConnectionJSONRequestBody{ProviderID: "fonoa-es", Data: map[string]any{}})
	wantCode(t, "CreateFiscalConnection again", err, http.StatusConflict, "PROVIDER_ALREADY_CONNECTED")
	id := int64(created.JSON201.ID)
	p := func() *cloudbedsfiscal.PauseFiscalConnectionParams {
		return &cloudbedsfiscal.PauseFiscalConnectionParams{PropertyID: cbFiscalProperty}
	}
	_, err = c.PauseFiscalConnectionWithResponse(ctx, id, p())
	wantCode(t, "pause a verifying connection", err, http.StatusBadRequest, "INVALID_CONNECTION_STATUS")
	if _, err := c.ActivateFiscalConnectionWithResponse(ctx, id, (*cloudbedsfiscal.ActivateFiscalConnectionParams)(p())); err != nil {
		t.Fatalf("ActivateFiscalConnection = %v", err)
	}
	paused, err := c.PauseFiscalConnectionWithResponse(ctx, id, p())
	if err != nil || paused.JSON200.Status != cloudbedsfiscal.Paused || paused.JSON200.PausedAt.IsZero() {
		t.Fatalf("PauseFiscalConnection = %v, %v", paused, err)
	}
	if _, err := c.ResumeFiscalConnectionWithResponse(ctx, id, (*cloudbedsfiscal.ResumeFiscalConnectionParams)(p())); err != nil {
		t.Fatalf("ResumeFiscalConnection = %v", err)
	}
	if _, err := c.DisconnectFiscalConnectionWithResponse(ctx, id, (*cloudbedsfiscal.DisconnectFiscalConnectionParams)(p())); err != nil {
		t.Fatalf("DisconnectFiscalConnection = %v", err)
	}
	_, err = c.GetFiscalConnectionWithResponse(ctx, id, (*cloudbedsfiscal.GetFiscalConnectionParams)(p()))
	wantCode(t, "GetFiscalConnection after disconnecting", err, http.StatusNotFound, "ENTITY_NOT_FOUND")
}

// Downloads answer the file with its name; unknown files and documents are 404s.
func TestCloudbedsFiscalDownload(t *testing.T) {
	_, root := cbFiscalClient(t)
	for _, tc := range []struct {
		name, path string
		status     int
		want       string
	}{
		{"primary file", "/5001/download", http.StatusOK, "%PDF-"},
		{"stored file", "/5001/download?fileId=f-5001", http.StatusOK, "%PDF-"},
		{"unknown file", "/5001/download?fileId=nope", http.StatusNotFound, `"errorCode":"ENTITY_NOT_FOUND"`},
		{"unknown document", "/999/download", http.StatusNotFound, `"errorCode":"ENTITY_NOT_FOUND"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, root+sandbox.CloudbedsFiscalAPIPath+"/fiscal-document/v1/fiscal-documents"+tc.path, nil)
			req.Header.Set("x-api-key", "cbat_sandbox_api_key")
			req.Header.Set("X-Property-ID", "172938")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
				t.Errorf("GET %s = %d %.80s, want %d with %s", tc.path, res.StatusCode, b, tc.status, tc.want)
			}
		})
	}
}

// The document's only scheme is an http bearer token: the sandbox accepts the token of a
// Cloudbeds consent there, as it does the API key, and refuses an unknown one with 401.
func TestCloudbedsFiscalBearer(t *testing.T) {
	ctx := context.Background()
	sb, root := start(t, sandbox.Options{})
	cfg := cloudbedsOAuth(root, sb.Credentials(), nil, "read:reservation")
	tok, err := cfg.Exchange(ctx, cbApprove(t, cfg))
	if err != nil {
		t.Fatalf("Exchange = %v", err)
	}
	c, err := cloudbedsfiscal.New(hospitality.ConnectCloudbedsFiscalDocuments(ctx, hospitality.CloudbedsConfig{OAuth: &cfg, Token: tok,
		BaseURL: root + sandbox.CloudbedsFiscalAPIPath}, cbNoLimit))
	if err != nil {
		t.Fatalf("ConnectCloudbedsFiscalDocuments = %v", err)
	}
	if got := statusOf(t, c, "5004"); got != cloudbedsfiscal.FiscalDocumentStatusOPEN {
		t.Errorf("pro forma 5004 = %s, want OPEN", got)
	}
	req, _ := http.NewRequest(http.MethodGet, root+sandbox.CloudbedsFiscalAPIPath+"/fiscal-document/v1/configs", nil)
	req.Header.Set("Authorization", "Bearer not-a-token")
	req.Header.Set("X-Property-ID", "172938")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET configs with an unknown token = %d, want 401", res.StatusCode)
	}
}
