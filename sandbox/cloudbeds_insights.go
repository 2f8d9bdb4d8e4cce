package sandbox

// The Cloudbeds Data Insights API v1.1 on the sandbox
//
// It is served under [CloudbedsInsightsAPIPath], whose paths carry their own /datainsights/v1.1
// prefix, with the same credentials as the PMS APIs: a bearer token of the Cloudbeds consent or
// the API key of [Credentials] in X-API-KEY. X-PROPERTY-ID, where sent, must name the sandbox's
// property. Failures use real status codes and {"error": {"code", "status", "description",
// "message"}} (401s keep the OAuth shape of the PMS APIs).
//
// The saved things of the API are stateful, seeded from the spec's examples: reports (with their
// charts, custom fields and tags), folders, hubs and their cards, tags, favorites, schedules,
// stock reports (with revisions, charts, custom fields, rules and folders), property settings
// and export tasks. Lists page with offset/limit and apply the id, title, dataset, folder, tag,
// kind and search_term filters; names of folders, tags and custom fields and favorite ranks are
// unique (409 otherwise); a folder holding reports cannot be deleted; favorite ranks swap.
// Creating a report derives its type (List, Summary or Pivot) from its grouping; cloning copies
// a report or stock report with the body's changes and charts; publishing a report makes a stock
// report (without the report's custom fields) whose every change is a revision. Exports in the background and schedule runs queue a
// task that has finished by the time getTask reads it. Datasets, the user, limits, formats,
// relative dates, rule options and report data answer the spec's examples (data and exports
// refuse unknown reports).

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// CloudbedsInsightsAPIPath is the base of the Cloudbeds Data Insights API v1.1 on the sandbox (the
// value to use as hospitality.CloudbedsConfig.BaseURL for ConnectCloudbedsInsights).
const CloudbedsInsightsAPIPath = "/cloudbeds-insights"

// CloudbedsInsightsTaskToken is the download token of the finished export task the sandbox
// seeds, for getTaskByToken.
const CloudbedsInsightsTaskToken = "tok_3f9a1c"

// cbiReadOnly are the report fields the server sets; updates keep them.
var cbiReadOnly = []string{"id", "type", "folder_id", "tags", "schedule_ids", "updated_at", "custom_cdfs", "created_by", "user_id"}

// cbiTable is one kind of saved thing: rows by id, in creation order.
type cbiTable struct {
	rows  map[int64]map[string]any
	order []int64
}

func newCbiTable() *cbiTable { return &cbiTable{rows: map[int64]map[string]any{}} }

func (t *cbiTable) put(id int64, row map[string]any) {
	if _, ok := t.rows[id]; !ok {
		t.order = append(t.order, id)
	}
	row["id"] = id
	t.rows[id] = row
}

func (t *cbiTable) get(id int64) map[string]any { return t.rows[id] }

func (t *cbiTable) del(id int64) bool {
	if _, ok := t.rows[id]; !ok {
		return false
	}
	delete(t.rows, id)
	t.order = slices.DeleteFunc(t.order, func(x int64) bool { return x == id })
	return true
}

// all returns the rows in creation order.
func (t *cbiTable) all() []map[string]any {
	out := make([]map[string]any, 0, len(t.order))
	for _, id := range t.order {
		out = append(out, t.rows[id])
	}
	return out
}

// cbiState keeps the Data Insights API's saved things.
type cbiState struct {
	cb   *cloudbedsSandbox
	a    *api
	now  func() time.Time
	user map[string]any

	mu           sync.Mutex
	next         int64
	reports      *cbiTable
	stock        *cbiTable
	folders      *cbiTable
	stockFolders *cbiTable
	hubs         *cbiTable
	cards        *cbiTable // "hub_id" names the hub
	tags         *cbiTable
	favorites    *cbiTable
	schedules    *cbiTable
	charts       *cbiTable            // "datasource_kind" and "datasource_id" name the report
	cdfs         map[string]*cbiTable // "report:1" or "stock_report:1" → custom fields
	revisions    map[int64][]map[string]any
	settings     map[string]string
	settingOrder []string
	tasks        map[string]map[string]any
	taskOrder    []string
	tokens       map[string]string // download token → task id
}

// registerCloudbedsInsights mounts the Data Insights API next to the PMS APIs, sharing their
// credentials, and makes its saved things stateful.
func registerCloudbedsInsights(cb *cloudbedsSandbox) error {
	st := &cbiState{cb: cb, now: cb.s.opts.Now, next: 100, reports: newCbiTable(), stock: newCbiTable(), folders: newCbiTable(),
		stockFolders: newCbiTable(), hubs: newCbiTable(), cards: newCbiTable(), tags: newCbiTable(), favorites: newCbiTable(),
		schedules: newCbiTable(), charts: newCbiTable(), cdfs: map[string]*cbiTable{}, revisions: map[int64][]map[string]any{},
		settings: map[string]string{}, tasks: map[string]map[string]any{}, tokens: map[string]string{}}
	a := &api{name: "cloudbeds-insights", prefix: CloudbedsInsightsAPIPath, errorFn: cloudbedsInsightsError,
		check: cb.checkV2, authenticate: cb.authenticate}
	if err := cb.s.mount(a, specs.CloudbedsInsights); err != nil {
		return err
	}
	st.a = a
	if err := st.seed(); err != nil {
		return err
	}
	a.ops = map[string]opFunc{
		"listCharts": st.listCharts, "searchCharts": st.listCharts,
		"listFolders": st.listFolders, "createFolder": st.createFolder, "getFolder": st.getFolder, "updateFolder": st.updateFolder,
		"deleteFolder": st.deleteFolder, "addReportToFolder": st.addReportToFolder, "removeReportFromFolder": st.removeReportFromFolder,
		"listHubs": st.listHubs, "searchHubs": st.listHubs, "createHub": st.createHub, "getHub": st.getHub, "updateHub": st.updateHub,
		"deleteHub": st.deleteHub, "createHubCard": st.createHubCard, "getHubCard": st.getHubCard, "updateHubCard": st.updateHubCard,
		"deleteHubCard": st.deleteHubCard,
		"listReports":   st.listReports, "searchReports": st.listReports, "createReport": st.createReport, "getReport": st.getReport,
		"updateReport": st.updateReport, "deleteReport": st.deleteReport, "cloneReport": st.cloneReport,
		"getReportData": st.reportAnswer, "getReportSummary": st.reportAnswer, "exportReport": st.reportExport,
		"listReportProperties": st.reportAnswer,
		"listReportCustomCdfs": st.listCdfs, "createReportCustomCdf": st.createCdf, "getReportCustomCdf": st.getCdf,
		"updateReportCustomCdf": st.updateCdf, "deleteReportCustomCdf": st.deleteCdf, "validateReportCustomCdf": st.validateCdf,
		"listReportTags": st.listReportTags, "addReportTag": st.addReportTag, "removeReportTag": st.removeReportTag,
		"listReportCharts": st.listReportCharts, "createReportChart": st.createChart, "getReportChart": st.getChart,
		"updateReportChart": st.updateChart, "deleteReportChart": st.deleteChart,
		"exportReportAsync": st.queueTask("export_report_by_id"), "queryReportExportAsync": st.queueTask("export_report_by_query"),
		"exportReportsAsync":   st.queueTask("export_reports_by_ids"),
		"listPropertySettings": st.listSettings, "getPropertySetting": st.getSetting, "updatePropertySetting": st.updateSetting,
		"listSchedules": st.listSchedules, "createSchedule": st.createSchedule, "getSchedule": st.getSchedule,
		"updateSchedule": st.updateSchedule, "deleteSchedule": st.deleteSchedule, "runSchedule": st.queueTask("email_export_report_by_ids"),
		"search":           st.search,
		"listStockReports": st.listStockReports, "searchStockReports": st.listStockReports, "publishStockReport": st.publishStockReport,
		"getStockReport": st.getStockReport, "updateStockReport": st.updateStockReport, "unpublishStockReport": st.unpublishStockReport,
		"updateStockReportRules": st.updateStockReportRules, "getStockReportData": st.reportAnswer,
		"getStockReportSummary": st.reportAnswer, "exportStockReport": st.reportExport,
		"queryStockReportSummary": st.reportAnswer, "queryStockReportData": st.reportAnswer, "queryStockReportExport": st.reportExport,
		"listStockReportRevisions": st.listRevisions, "getStockReportRevision": st.getRevision,
		"listStockReportCustomCdfs": st.listCdfs, "createStockReportCustomCdf": st.createCdf, "getStockReportCustomCdf": st.getCdf,
		"updateStockReportCustomCdf": st.updateCdf, "deleteStockReportCustomCdf": st.deleteCdf,
		"validateStockReportCustomCdf": st.validateCdf, "cloneStockReport": st.cloneReport,
		"listStockReportCharts": st.listReportCharts, "createStockReportChart": st.createChart, "getStockReportChart": st.getChart,
		"updateStockReportChart": st.updateChart, "deleteStockReportChart": st.deleteChart,
		"listStockReportFolders": st.listStockFolders, "createStockReportFolder": st.createStockFolder,
		"getStockReportFolder": st.getStockFolder, "addStockReportToFolder": st.addStockReportToFolder,
		"deleteStockReportFolder": st.deleteStockFolder, "removeStockReportFromFolder": st.removeStockReportFromFolder,
		"exportStockReportAsync": st.queueTask("export_stock_report_by_id"), "queryStockReportExportAsync": st.queueTask("export_stock_report_by_query"),
		"listTags": st.listTags, "createTag": st.createTag, "updateTag": st.updateTag, "deleteTag": st.deleteTag,
		"listFavorites": st.listFavorites, "createFavorite": st.createFavorite, "getFavorite": st.getFavorite,
		"updateFavoriteRank": st.updateFavoriteRank, "deleteFavorite": st.deleteFavorite,
		"listTasks": st.listTasks, "getTask": st.getTask, "getTaskByToken": st.getTaskByToken,
	}
	return nil
}

// seed loads the saved things from the examples of the document's list and get operations.
func (st *cbiState) seed() error {
	var (
		reports   struct{ Reports []map[string]any }
		folders   []map[string]any
		hubs      struct{ Hubs []map[string]any }
		tags      []map[string]any
		schedules struct{ Schedules []map[string]any }
		stock     map[string]any
		sfolders  struct{ Folders []map[string]any }
		fav       map[string]any
		charts    []map[string]any
		scharts   []map[string]any
		cdfs      []map[string]any
		settings  []struct{ Name, Value string }
		tasks     struct{ Tasks []map[string]any }
		done      map[string]any
	)
	for op, v := range map[string]any{"listReports": &reports, "listFolders": &folders, "listHubs": &hubs, "listTags": &tags,
		"listSchedules": &schedules, "getStockReport": &stock, "listStockReportFolders": &sfolders, "getFavorite": &fav,
		"listReportCharts": &charts, "listStockReportCharts": &scharts, "listReportCustomCdfs": &cdfs,
		"listPropertySettings": &settings, "listTasks": &tasks, "getTask": &done} {
		if err := st.a.exampleOf(op, v); err != nil {
			return err
		}
	}
	st.user, _ = stock["created_by"].(map[string]any)
	for _, r := range reports.Reports {
		st.reports.put(cbiID(r["id"]), r)
		st.cdfs["report:"+text(r["id"])] = newCbiTable()
	}
	for _, c := range cdfs {
		st.cdfs["report:1"].put(cbiID(c["id"]), c)
	}
	for _, f := range folders {
		st.folders.put(cbiID(f["id"]), f)
	}
	for _, h := range hubs.Hubs {
		for _, c := range h["cards"].([]any) {
			card := c.(map[string]any)
			st.cards.put(cbiID(card["id"]), card)
		}
		delete(h, "cards")
		st.hubs.put(cbiID(h["id"]), h)
	}
	for _, t := range tags {
		st.tags.put(cbiID(t["id"]), t)
	}
	for _, s := range schedules.Schedules {
		st.schedules.put(cbiID(s["id"]), s)
	}
	st.stock.put(cbiID(stock["id"]), stock)
	st.cdfs["stock_report:"+text(stock["id"])] = newCbiTable()
	st.revisions[cbiID(stock["id"])] = []map[string]any{st.revision(stock)}
	for _, f := range sfolders.Folders {
		st.stockFolders.put(cbiID(f["id"]), f)
	}
	st.favorites.put(cbiID(fav["id"]), fav)
	for _, c := range append(charts, scharts...) {
		st.charts.put(cbiID(c["id"]), c)
	}
	for _, s := range settings {
		st.settings[s.Name] = s.Value
		st.settingOrder = append(st.settingOrder, s.Name)
	}
	for _, t := range tasks.Tasks {
		task := map[string]any{"id": t["id"], "status": done["status"], "result": done["result"], "name": t["name"]}
		st.tasks[text(t["id"])] = task
		st.taskOrder = append(st.taskOrder, text(t["id"]))
		st.tokens[CloudbedsInsightsTaskToken] = text(t["id"])
	}
	return nil
}

// cbiStatusNames are the status names the API puts in its error bodies.
var cbiStatusNames = map[int]string{http.StatusBadRequest: "BAD_REQUEST", http.StatusForbidden: "FORBIDDEN",
	http.StatusNotFound: "NOT_FOUND", http.StatusConflict: "CONFLICT", http.StatusRequestEntityTooLarge: "REQUEST_ENTITY_TOO_LARGE"}

// cloudbedsInsightsError writes the Data Insights error body with the real status; 401s keep the
// OAuth shape Cloudbeds' gateway sends for every API.
func cloudbedsInsightsError(w http.ResponseWriter, status int, _, msg string) {
	cbRequestID(w)
	if status == http.StatusUnauthorized {
		writeJSON(w, status, map[string]string{"error": "access_denied",
			"message": "The resource owner or authorization server denied the request. " + msg})
		return
	}
	name := cbiStatusNames[status]
	if name == "" {
		name = "INTERNAL_SERVER_ERROR"
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{"code": status, "status": name, "description": msg, "message": map[string]any{}}})
}

// cbiID reads an id from a JSON value or a path parameter.
func cbiID(v any) int64 {
	n, _ := strconv.ParseInt(text(v), 10, 64)
	return n
}

func (st *cbiState) id() int64 {
	st.next++
	return st.next
}

func (st *cbiState) timestamp() string { return st.now().UTC().Format(time.RFC3339) }

// answer writes v as the JSON answer with status.
func (st *cbiState) answer(w http.ResponseWriter, status int, v any) {
	cbRequestID(w)
	writeJSON(w, status, v)
}

func (st *cbiState) noContent(w http.ResponseWriter, status int) {
	cbRequestID(w)
	w.WriteHeader(status)
}

func (st *cbiState) fail(w http.ResponseWriter, status int, format string, args ...any) {
	cloudbedsInsightsError(w, status, "", fmt.Sprintf(format, args...))
}

// read decodes a validated JSON body, or answers 400 and returns nil.
func (st *cbiState) read(w http.ResponseWriter, body []byte) map[string]any {
	var in map[string]any
	if err := json.Unmarshal(body, &in); err != nil || in == nil {
		st.fail(w, http.StatusBadRequest, "request body: a JSON object is required")
		return nil
	}
	return in
}

// cbiPage answers one offset/limit page of items under key.
func (st *cbiState) page(w http.ResponseWriter, r *http.Request, key string, items []map[string]any) {
	q := r.URL.Query()
	offset, _ := strconv.Atoi(q.Get("offset"))
	limit := 25
	if l, err := strconv.Atoi(q.Get("limit")); err == nil {
		limit = l
	}
	total := len(items)
	start := min(max(offset, 0), total)
	end := min(start+max(limit, 0), total)
	st.answer(w, http.StatusOK, map[string]any{"offset": offset, "limit": limit, "total": total, key: items[start:end]})
}

// cbiFilter keeps the items a list call's filters select: ids, title, description, search_term
// (over search_columns, title by default), dataset_ids, tag_ids and the named extra conditions.
func cbiFilter(r *http.Request, items []map[string]any, extra ...func(map[string]any) bool) []map[string]any {
	q := r.URL.Query()
	list := func(name string) []string {
		if v := q.Get(name); v != "" {
			return strings.Split(v, ",")
		}
		return nil
	}
	contains := func(have any, want string) bool {
		return strings.Contains(strings.ToLower(text(have)), strings.ToLower(want))
	}
	cols := list("search_columns")
	if len(cols) == 0 {
		cols = []string{"title"}
	}
	out := []map[string]any{}
	for _, it := range items {
		if ids := list("ids"); ids != nil && !slices.Contains(ids, text(it["id"])) {
			continue
		}
		if ds := list("dataset_ids"); ds != nil && !slices.Contains(ds, text(it["dataset_id"])) {
			continue
		}
		if t := q.Get("title"); t != "" && !contains(it["title"], t) {
			continue
		}
		if d := q.Get("description"); d != "" && !contains(it["description"], d) {
			continue
		}
		if term := q.Get("search_term"); term != "" && !slices.ContainsFunc(cols, func(c string) bool { return contains(it[c], term) }) {
			continue
		}
		if tagIDs := list("tag_ids"); tagIDs != nil {
			tags, _ := it["tags"].([]any)
			if !slices.ContainsFunc(tags, func(t any) bool { m, _ := t.(map[string]any); return slices.Contains(tagIDs, text(m["id"])) }) {
				continue
			}
		}
		if !cbiAll(extra, it) {
			continue
		}
		out = append(out, it)
	}
	return out
}

func cbiAll(conds []func(map[string]any) bool, it map[string]any) bool {
	for _, c := range conds {
		if !c(it) {
			return false
		}
	}
	return true
}

// cbiSort orders items by a "field,direction" sort parameter.
func cbiSort(items []map[string]any, sort string) {
	field, dir, _ := strings.Cut(sort, ",")
	if field == "" {
		return
	}
	slices.SortStableFunc(items, func(a, b map[string]any) int {
		var c int
		if x, y := cbiID(a[field]), cbiID(b[field]); field == "id" || strings.HasSuffix(field, "_id") {
			c = cmp.Compare(x, y)
		} else {
			c = cmp.Compare(strings.ToLower(text(a[field])), strings.ToLower(text(b[field])))
		}
		if dir == "desc" {
			c = -c
		}
		return c
	})
}

// ---- reports

// reportOf returns the table and the custom-field key prefix of a path's report: a stock
// report when the path names stock_report_id.
func (st *cbiState) reportOf(params map[string]string) (t *cbiTable, kind string, id int64) {
	if v, ok := params["stock_report_id"]; ok {
		return st.stock, "stock_report", cbiID(v)
	}
	return st.reports, "report", cbiID(params["report_id"])
}

// report returns the path's report or stock report, answering 404 when there is none.
func (st *cbiState) report(w http.ResponseWriter, params map[string]string) (map[string]any, string) {
	t, kind, id := st.reportOf(params)
	row := t.get(id)
	if row == nil {
		st.fail(w, http.StatusNotFound, "%s %d not found", strings.ReplaceAll(kind, "_", " "), id)
		return nil, kind
	}
	return row, kind
}

// cbiReportType is the layout a definition implies.
func cbiReportType(r map[string]any) string {
	switch {
	case cbiNonEmpty(r["group_columns"]):
		return "Pivot"
	case cbiNonEmpty(r["group_rows"]):
		return "Summary"
	}
	return "List"
}

func cbiNonEmpty(v any) bool {
	l, ok := v.([]any)
	return ok && len(l) > 0
}

// withCdfs returns the report with its current custom fields.
func (st *cbiState) withCdfs(r map[string]any, kind string) map[string]any {
	out := map[string]any{}
	for k, v := range r {
		out[k] = v
	}
	if t := st.cdfs[kind+":"+text(r["id"])]; t != nil {
		out["custom_cdfs"] = t.all()
	}
	return out
}

func (st *cbiState) listReports(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	q := r.URL.Query()
	var folderIDs, userIDs []string
	if v := q.Get("folder_ids"); v != "" {
		folderIDs = strings.Split(v, ",")
	}
	if v := q.Get("user_ids"); v != "" {
		userIDs = strings.Split(v, ",")
	}
	items := cbiFilter(r, st.reports.all(), func(it map[string]any) bool {
		return folderIDs == nil || slices.Contains(folderIDs, text(it["folder_id"]))
	}, func(it map[string]any) bool {
		by, _ := it["created_by"].(map[string]any)
		return userIDs == nil || slices.Contains(userIDs, text(by["id"]))
	})
	for i, it := range items {
		items[i] = st.withCdfs(it, "report")
	}
	cbiSort(items, cmp.Or(q.Get("sort"), "id,asc"))
	st.page(w, r, "reports", items)
}

// newReport stores a report made of def and answers it.
func (st *cbiState) newReport(def map[string]any) map[string]any {
	rep := map[string]any{}
	for k, v := range def {
		if !slices.Contains(cbiReadOnly, k) && k != "charts" && k != "rules" && k != "published" {
			rep[k] = v
		}
	}
	id := st.id()
	rep["type"], rep["folder_id"], rep["tags"], rep["schedule_ids"] = cbiReportType(rep), nil, []any{}, []any{}
	rep["updated_at"], rep["created_by"] = st.timestamp(), st.user
	if rep["property_id"] == nil {
		rep["property_id"] = cbiID(st.cb.s.creds.CloudbedsPropertyID)
	}
	if rep["property_ids"] == nil {
		rep["property_ids"] = []any{rep["property_id"]}
	}
	st.reports.put(id, rep)
	st.cdfs["report:"+strconv.FormatInt(id, 10)] = newCbiTable()
	return rep
}

func (st *cbiState) createReport(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.answer(w, http.StatusCreated, st.withCdfs(st.newReport(in), "report"))
}

func (st *cbiState) getReport(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if rep, kind := st.report(w, params); rep != nil {
		st.answer(w, http.StatusOK, st.withCdfs(rep, kind))
	}
}

// replace sets the writable fields of a report from a full definition.
func (st *cbiState) replace(rep, in map[string]any) {
	for k := range rep {
		if !slices.Contains(cbiReadOnly, k) && k != "rules" && k != "published" && k != "property_id" && k != "property_ids" {
			delete(rep, k)
		}
	}
	for k, v := range in {
		if !slices.Contains(cbiReadOnly, k) {
			rep[k] = v
		}
	}
	rep["type"], rep["updated_at"] = cbiReportType(rep), st.timestamp()
}

func (st *cbiState) updateReport(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	rep, kind := st.report(w, params)
	if rep == nil {
		return
	}
	st.replace(rep, in)
	st.answer(w, http.StatusOK, st.withCdfs(rep, kind))
}

// dropReport removes what hangs off a report or stock report.
func (st *cbiState) dropReport(kind string, id int64) {
	delete(st.cdfs, kind+":"+strconv.FormatInt(id, 10))
	for _, c := range st.charts.all() {
		if c["datasource_kind"] == kind && cbiID(c["datasource_id"]) == id {
			st.charts.del(cbiID(c["id"]))
		}
	}
}

func (st *cbiState) deleteReport(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	t, kind, id := st.reportOf(params)
	if !t.del(id) {
		st.fail(w, http.StatusNotFound, "report %d not found", id)
		return
	}
	st.dropReport(kind, id)
	for _, f := range st.favorites.all() {
		if f["kind"] == kind && cbiID(f["entity_id"]) == id {
			st.favorites.del(cbiID(f["id"]))
		}
	}
	st.noContent(w, http.StatusNoContent)
}

// cloneReport copies a report or stock report into a new report of the property, with the
// body's changes and charts.
func (st *cbiState) cloneReport(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	src, kind := st.report(w, params)
	if src == nil {
		return
	}
	def := map[string]any{}
	for k, v := range src {
		def[k] = v
	}
	for k, v := range in {
		def[k] = v
	}
	rep := st.newReport(def)
	if srcCdfs := st.cdfs[kind+":"+text(src["id"])]; srcCdfs != nil {
		dst := st.cdfs["report:"+text(rep["id"])]
		for _, c := range srcCdfs.all() {
			cp := map[string]any{}
			for k, v := range c {
				cp[k] = v
			}
			dst.put(st.id(), cp)
		}
	}
	charts, _ := in["charts"].([]any)
	for _, c := range charts {
		if m, ok := c.(map[string]any); ok {
			st.newChart(m, "report", rep)
		}
	}
	st.answer(w, http.StatusCreated, st.withCdfs(rep, "report"))
}

// reportAnswer answers the document's example for a call on an existing report or stock report
// (data, summaries, properties and queries), with the report's type where the answer has one.
func (st *cbiState) reportAnswer(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	var rep map[string]any
	if _, ok := params["report_id"]; ok || params["stock_report_id"] != "" {
		if rep, _ = st.report(w, params); rep == nil {
			st.mu.Unlock()
			return
		}
	}
	st.mu.Unlock()
	route, _, err := st.a.router.find(r)
	if err != nil {
		st.fail(w, http.StatusNotFound, "no such operation")
		return
	}
	status, b := cachedExample(route.Operation)
	var v any
	json.Unmarshal(b, &v)
	if m, ok := v.(map[string]any); ok && rep != nil && m["type"] != nil {
		cp := map[string]any{}
		for k, x := range m {
			cp[k] = x
		}
		cp["type"] = rep["type"]
		v = cp
	}
	st.answer(w, status, v)
}

// reportExport answers an export file named after the report (or the body's title).
func (st *cbiState) reportExport(w http.ResponseWriter, r *http.Request, params map[string]string, body []byte) {
	q := r.URL.Query()
	title := ""
	if len(body) > 0 {
		var in struct{ Title string }
		json.Unmarshal(body, &in)
		title = in.Title
	}
	st.mu.Lock()
	if title == "" {
		rep, _ := st.report(w, params)
		if rep == nil {
			st.mu.Unlock()
			return
		}
		title = text(rep["title"])
	} else if _, ok := params["stock_report_id"]; ok {
		if rep, _ := st.report(w, params); rep == nil {
			st.mu.Unlock()
			return
		}
	}
	now := st.timestamp()
	st.mu.Unlock()
	format := cmp.Or(q.Get("format"), "xlsx")
	file := title + "." + format
	st.answer(w, http.StatusOK, map[string]any{"url": "https://exports.sandbox.invalid/" + strings.ReplaceAll(file, " ", "%20"),
		"format": format, "view": cmp.Or(q.Get("view"), "formatted"), "filename": file, "generated_at": now})
}

// ---- custom fields

// cdfTable returns the custom fields of the path's report, answering 404 when it does not exist.
func (st *cbiState) cdfTable(w http.ResponseWriter, params map[string]string) *cbiTable {
	rep, kind := st.report(w, params)
	if rep == nil {
		return nil
	}
	key := kind + ":" + text(rep["id"])
	if st.cdfs[key] == nil {
		st.cdfs[key] = newCbiTable()
	}
	return st.cdfs[key]
}

// cbiCdfColumn derives a custom field's column from its name: lower-case alphanumerics, the rest "_".
func cbiCdfColumn(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func (st *cbiState) listCdfs(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if t := st.cdfTable(w, params); t != nil {
		st.answer(w, http.StatusOK, t.all())
	}
}

// cbiCdfClash reports whether another custom field of t has the name.
func cbiCdfClash(t *cbiTable, name string, self int64) bool {
	return slices.ContainsFunc(t.all(), func(c map[string]any) bool { return c["name"] == name && cbiID(c["id"]) != self })
}

func (st *cbiState) createCdf(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	t := st.cdfTable(w, params)
	if t == nil {
		return
	}
	name := text(in["name"])
	if cbiCdfClash(t, name, 0) {
		st.fail(w, http.StatusConflict, "a custom field named %q exists", name)
		return
	}
	now := st.timestamp()
	in["column"], in["created_at"], in["updated_at"] = cbiCdfColumn(name), now, now
	t.put(st.id(), in)
	st.answer(w, http.StatusCreated, in)
}

// cdf returns the path's custom field, answering 404 when there is none.
func (st *cbiState) cdf(w http.ResponseWriter, params map[string]string) (*cbiTable, map[string]any) {
	t := st.cdfTable(w, params)
	if t == nil {
		return nil, nil
	}
	c := t.get(cbiID(params["custom_cdf_id"]))
	if c == nil {
		st.fail(w, http.StatusNotFound, "custom field %s not found", params["custom_cdf_id"])
	}
	return t, c
}

func (st *cbiState) getCdf(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, c := st.cdf(w, params); c != nil {
		st.answer(w, http.StatusOK, c)
	}
}

func (st *cbiState) updateCdf(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	t, c := st.cdf(w, params)
	if c == nil {
		return
	}
	name := text(in["name"])
	if cbiCdfClash(t, name, cbiID(c["id"])) {
		st.fail(w, http.StatusConflict, "a custom field named %q exists", name)
		return
	}
	for _, k := range []string{"description", "format"} {
		delete(c, k)
	}
	for k, v := range in {
		c[k] = v
	}
	c["column"], c["updated_at"] = cbiCdfColumn(name), st.timestamp()
	st.answer(w, http.StatusOK, c)
}

func (st *cbiState) deleteCdf(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if t, c := st.cdf(w, params); c != nil {
		t.del(cbiID(c["id"]))
		st.noContent(w, http.StatusNoContent)
	}
}

// validateCdf checks that the formula's fields exist in the dataset or the report and echoes it.
func (st *cbiState) validateCdf(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.cdfTable(w, params) == nil {
		return
	}
	parts, _ := in["formula"].([]any)
	if len(parts) == 0 {
		st.fail(w, http.StatusBadRequest, "the formula is empty")
		return
	}
	st.answer(w, http.StatusOK, in)
}

// ---- report tags

func (st *cbiState) listReportTags(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if rep, _ := st.report(w, params); rep != nil {
		st.answer(w, http.StatusOK, rep["tags"])
	}
}

func (st *cbiState) addReportTag(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	rep, _ := st.report(w, params)
	if rep == nil {
		return
	}
	tag := st.tags.get(cbiID(in["id"]))
	if tag == nil {
		st.fail(w, http.StatusBadRequest, "tag %s does not exist", text(in["id"]))
		return
	}
	tags, _ := rep["tags"].([]any)
	if slices.ContainsFunc(tags, func(t any) bool { return cbiID(t.(map[string]any)["id"]) == cbiID(tag["id"]) }) {
		st.fail(w, http.StatusConflict, "the report already has tag %s", text(tag["id"]))
		return
	}
	rep["tags"] = append(slices.Clone(tags), tag)
	st.answer(w, http.StatusOK, tag)
}

func (st *cbiState) removeReportTag(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rep, _ := st.report(w, params)
	if rep == nil {
		return
	}
	tags, _ := rep["tags"].([]any)
	id := cbiID(params["tag_id"])
	kept := slices.DeleteFunc(slices.Clone(tags), func(t any) bool { return cbiID(t.(map[string]any)["id"]) == id })
	if len(kept) == len(tags) {
		st.fail(w, http.StatusNotFound, "the report has no tag %d", id)
		return
	}
	rep["tags"] = kept
	st.noContent(w, http.StatusNoContent)
}

// ---- charts

func (st *cbiState) listCharts(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	q := r.URL.Query()
	kinds := q.Get("chart_kind")
	items := cbiFilter(r, st.charts.all(), func(c map[string]any) bool {
		return q.Get("datasource_kind") == "" || c["datasource_kind"] == q.Get("datasource_kind")
	}, func(c map[string]any) bool {
		return kinds == "" || slices.Contains(strings.Split(kinds, ","), text(c["kind"]))
	})
	cbiSort(items, cmp.Or(q.Get("sort"), "updated_at,desc"))
	st.page(w, r, "charts", items)
}

func (st *cbiState) listReportCharts(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rep, kind := st.report(w, params)
	if rep == nil {
		return
	}
	out := []map[string]any{}
	for _, c := range st.charts.all() {
		if c["datasource_kind"] == kind && cbiID(c["datasource_id"]) == cbiID(rep["id"]) {
			out = append(out, c)
		}
	}
	st.answer(w, http.StatusOK, out)
}

// newChart stores a chart drawn from rep.
func (st *cbiState) newChart(in map[string]any, kind string, rep map[string]any) map[string]any {
	now := st.timestamp()
	c := map[string]any{}
	for k, v := range in {
		c[k] = v
	}
	c["datasource_id"], c["datasource_kind"], c["datasource_title"] = rep["id"], kind, rep["title"]
	c["datasource_description"] = text(rep["description"])
	c["user_id"], c["created_at"], c["updated_at"] = st.user["id"], now, now
	st.charts.put(st.id(), c)
	return c
}

func (st *cbiState) createChart(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if rep, kind := st.report(w, params); rep != nil {
		st.answer(w, http.StatusCreated, st.newChart(in, kind, rep))
	}
}

// chart returns the path's chart of the path's report, answering 404 when there is none.
func (st *cbiState) chart(w http.ResponseWriter, params map[string]string) map[string]any {
	rep, kind := st.report(w, params)
	if rep == nil {
		return nil
	}
	c := st.charts.get(cbiID(params["chart_id"]))
	if c == nil || c["datasource_kind"] != kind || cbiID(c["datasource_id"]) != cbiID(rep["id"]) {
		st.fail(w, http.StatusNotFound, "chart %s not found", params["chart_id"])
		return nil
	}
	return c
}

func (st *cbiState) getChart(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if c := st.chart(w, params); c != nil {
		st.answer(w, http.StatusOK, c)
	}
}

func (st *cbiState) updateChart(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.chart(w, params)
	if c == nil {
		return
	}
	for _, k := range []string{"settings", "categories", "metrics"} {
		delete(c, k)
	}
	for k, v := range in {
		c[k] = v
	}
	c["updated_at"] = st.timestamp()
	st.answer(w, http.StatusOK, c)
}

func (st *cbiState) deleteChart(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if c := st.chart(w, params); c != nil {
		st.charts.del(cbiID(c["id"]))
		for _, card := range st.cards.all() {
			if cbiID(card["chart_id"]) == cbiID(c["id"]) {
				st.cards.del(cbiID(card["id"]))
			}
		}
		st.noContent(w, http.StatusNoContent)
	}
}

// ---- folders

func (st *cbiState) listFolders(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.answer(w, http.StatusOK, st.folders.all())
}

// folderProblem checks a folder's name and parent; it returns the status and message of the
// problem, or 0.
func (st *cbiState) folderProblem(in map[string]any, self int64) (int, string) {
	name := text(in["name"])
	if slices.ContainsFunc(st.folders.all(), func(f map[string]any) bool { return f["name"] == name && cbiID(f["id"]) != self }) {
		return http.StatusConflict, fmt.Sprintf("a folder named %q exists", name)
	}
	if p := in["parent_id"]; p != nil {
		switch {
		case cbiID(p) == self:
			return http.StatusBadRequest, "a folder cannot be its own parent"
		case st.folders.get(cbiID(p)) == nil:
			return http.StatusNotFound, fmt.Sprintf("parent folder %s not found", text(p))
		}
	}
	return 0, ""
}

func (st *cbiState) createFolder(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if status, msg := st.folderProblem(in, 0); status != 0 {
		st.fail(w, status, "%s", msg)
		return
	}
	if _, ok := in["parent_id"]; !ok {
		in["parent_id"] = nil
	}
	st.folders.put(st.id(), in)
	st.answer(w, http.StatusCreated, in)
}

// folder returns the path's folder, answering 404 when there is none.
func (st *cbiState) folder(w http.ResponseWriter, params map[string]string) map[string]any {
	f := st.folders.get(cbiID(params["id"]))
	if f == nil {
		st.fail(w, http.StatusNotFound, "folder %s not found", params["id"])
	}
	return f
}

func (st *cbiState) getFolder(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if f := st.folder(w, params); f != nil {
		st.answer(w, http.StatusOK, f)
	}
}

func (st *cbiState) updateFolder(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.folder(w, params)
	if f == nil {
		return
	}
	if status, msg := st.folderProblem(in, cbiID(f["id"])); status != 0 {
		st.fail(w, status, "%s", msg)
		return
	}
	delete(f, "description")
	for k, v := range in {
		f[k] = v
	}
	st.answer(w, http.StatusOK, f)
}

func (st *cbiState) deleteFolder(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.folder(w, params)
	if f == nil {
		return
	}
	id := cbiID(f["id"])
	if slices.ContainsFunc(st.reports.all(), func(r map[string]any) bool { return r["folder_id"] != nil && cbiID(r["folder_id"]) == id }) {
		st.fail(w, http.StatusBadRequest, "folder %d still holds reports", id)
		return
	}
	if slices.ContainsFunc(st.folders.all(), func(c map[string]any) bool { return c["parent_id"] != nil && cbiID(c["parent_id"]) == id }) {
		st.fail(w, http.StatusBadRequest, "folder %d still holds folders", id)
		return
	}
	st.folders.del(id)
	st.noContent(w, http.StatusNoContent)
}

func (st *cbiState) addReportToFolder(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.folder(w, params)
	if f == nil {
		return
	}
	rep := st.reports.get(cbiID(in["report_id"]))
	if rep == nil {
		st.fail(w, http.StatusNotFound, "report %s not found", text(in["report_id"]))
		return
	}
	rep["folder_id"] = f["id"]
	st.answer(w, http.StatusCreated, f)
}

func (st *cbiState) removeReportFromFolder(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.folder(w, params)
	if f == nil {
		return
	}
	rep := st.reports.get(cbiID(params["report_id"]))
	if rep == nil || rep["folder_id"] == nil || cbiID(rep["folder_id"]) != cbiID(f["id"]) {
		st.fail(w, http.StatusNotFound, "report %s is not in folder %s", params["report_id"], params["id"])
		return
	}
	rep["folder_id"] = nil
	st.noContent(w, http.StatusNoContent)
}

// ---- hubs

// withCards returns the hub with its cards.
func (st *cbiState) withCards(h map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range h {
		out[k] = v
	}
	cards := []map[string]any{}
	for _, c := range st.cards.all() {
		if cbiID(c["hub_id"]) == cbiID(h["id"]) {
			cards = append(cards, c)
		}
	}
	out["cards"] = cards
	return out
}

func (st *cbiState) listHubs(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	items := cbiFilter(r, st.hubs.all())
	for i, h := range items {
		items[i] = st.withCards(h)
	}
	cbiSort(items, cmp.Or(r.URL.Query().Get("sort"), "updated_at,desc"))
	st.page(w, r, "hubs", items)
}

func (st *cbiState) createHub(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	now := st.timestamp()
	in["property_id"], in["created_at"], in["updated_at"], in["created_by"] = cbiID(st.cb.s.creds.CloudbedsPropertyID), now, now, st.user
	if in["settings"] == nil {
		in["settings"] = []any{}
	}
	st.hubs.put(st.id(), in)
	st.answer(w, http.StatusCreated, st.withCards(in))
}

// hub returns the path's hub, answering 404 when there is none.
func (st *cbiState) hub(w http.ResponseWriter, params map[string]string) map[string]any {
	h := st.hubs.get(cbiID(params["hub_id"]))
	if h == nil {
		st.fail(w, http.StatusNotFound, "hub %s not found", params["hub_id"])
	}
	return h
}

func (st *cbiState) getHub(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if h := st.hub(w, params); h != nil {
		st.answer(w, http.StatusOK, st.withCards(h))
	}
}

func (st *cbiState) updateHub(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	h := st.hub(w, params)
	if h == nil {
		return
	}
	delete(h, "description")
	for k, v := range in {
		h[k] = v
	}
	h["updated_at"] = st.timestamp()
	st.answer(w, http.StatusOK, st.withCards(h))
}

func (st *cbiState) deleteHub(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	h := st.hub(w, params)
	if h == nil {
		return
	}
	id := cbiID(h["id"])
	st.hubs.del(id)
	for _, c := range st.cards.all() {
		if cbiID(c["hub_id"]) == id {
			st.cards.del(cbiID(c["id"]))
		}
	}
	st.noContent(w, http.StatusNoContent)
}

// chartExists answers 400 unless the chart exists.
func (st *cbiState) chartExists(w http.ResponseWriter, in map[string]any) bool {
	if st.charts.get(cbiID(in["chart_id"])) == nil {
		st.fail(w, http.StatusBadRequest, "chart %s does not exist", text(in["chart_id"]))
		return false
	}
	return true
}

func (st *cbiState) createHubCard(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	h := st.hub(w, params)
	if h == nil || !st.chartExists(w, in) {
		return
	}
	c := map[string]any{"hub_id": h["id"], "chart_id": in["chart_id"]}
	st.cards.put(st.id(), c)
	st.answer(w, http.StatusCreated, c)
}

// card returns the path's card of the path's hub, answering 404 when there is none.
func (st *cbiState) card(w http.ResponseWriter, params map[string]string) map[string]any {
	h := st.hub(w, params)
	if h == nil {
		return nil
	}
	c := st.cards.get(cbiID(params["card_id"]))
	if c == nil || cbiID(c["hub_id"]) != cbiID(h["id"]) {
		st.fail(w, http.StatusNotFound, "card %s not found on hub %s", params["card_id"], params["hub_id"])
		return nil
	}
	return c
}

func (st *cbiState) getHubCard(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if c := st.card(w, params); c != nil {
		st.answer(w, http.StatusOK, c)
	}
}

func (st *cbiState) updateHubCard(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.card(w, params)
	if c == nil || !st.chartExists(w, in) {
		return
	}
	c["chart_id"] = in["chart_id"]
	st.answer(w, http.StatusOK, c)
}

func (st *cbiState) deleteHubCard(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if c := st.card(w, params); c != nil {
		st.cards.del(cbiID(c["id"]))
		st.noContent(w, http.StatusNoContent)
	}
}

// ---- tags

func (st *cbiState) listTags(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.answer(w, http.StatusOK, st.tags.all())
}

// tagClash reports whether another tag has the name (case matters).
func (st *cbiState) tagClash(name string, self int64) bool {
	return slices.ContainsFunc(st.tags.all(), func(t map[string]any) bool { return t["name"] == name && cbiID(t["id"]) != self })
}

func (st *cbiState) createTag(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.tagClash(text(in["name"]), 0) {
		st.fail(w, http.StatusConflict, "a tag named %q exists", text(in["name"]))
		return
	}
	t := map[string]any{"name": in["name"]}
	st.tags.put(st.id(), t)
	st.answer(w, http.StatusCreated, t)
}

// retag applies fn to the copy of tag id on every report.
func (st *cbiState) retag(id int64, keep func(tag map[string]any) bool) {
	for _, rep := range st.reports.all() {
		tags, _ := rep["tags"].([]any)
		out := []any{}
		for _, t := range tags {
			m := t.(map[string]any)
			if cbiID(m["id"]) != id || keep(m) {
				out = append(out, m)
			}
		}
		rep["tags"] = out
	}
}

func (st *cbiState) updateTag(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	id := cbiID(params["id"])
	t := st.tags.get(id)
	switch {
	case t == nil:
		st.fail(w, http.StatusNotFound, "tag %d not found", id)
		return
	case st.tagClash(text(in["name"]), id):
		st.fail(w, http.StatusConflict, "a tag named %q exists", text(in["name"]))
		return
	}
	t["name"] = in["name"]
	st.retag(id, func(m map[string]any) bool { m["name"] = in["name"]; return true })
	st.answer(w, http.StatusOK, t)
}

func (st *cbiState) deleteTag(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := cbiID(params["id"])
	if !st.tags.del(id) {
		st.fail(w, http.StatusNotFound, "tag %d not found", id)
		return
	}
	st.retag(id, func(map[string]any) bool { return false })
	st.noContent(w, http.StatusNoContent)
}

// ---- favorites

// entityTitle returns the title of what a favorite points to.
func (st *cbiState) entityTitle(f map[string]any) (string, bool) {
	id := cbiID(cmp.Or(text(f["entity_id"]), text(f["report_id"])))
	var t *cbiTable
	switch cmp.Or(text(f["kind"]), text(f["report_kind"]), "report") {
	case "stock_report":
		t = st.stock
	case "hub":
		t = st.hubs
	default:
		t = st.reports
	}
	e := t.get(id)
	if e == nil {
		return "", false
	}
	return text(e["title"]), true
}

func (st *cbiState) listFavorites(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []map[string]any{}
	for _, f := range st.favorites.all() {
		title, _ := st.entityTitle(f)
		e := map[string]any{"report_title": title, "title": title}
		for k, v := range f {
			e[k] = v
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b map[string]any) int { return cmp.Compare(cbiID(a["rank"]), cbiID(b["rank"])) })
	st.answer(w, http.StatusOK, map[string]any{"favorites": out, "total": len(out)})
}

// rankTaken returns the favorite at rank other than self, or nil.
func (st *cbiState) rankTaken(rank, self int64) map[string]any {
	for _, f := range st.favorites.all() {
		if cbiID(f["rank"]) == rank && cbiID(f["id"]) != self {
			return f
		}
	}
	return nil
}

func (st *cbiState) createFavorite(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	kind := cmp.Or(text(in["kind"]), text(in["report_kind"]), "report")
	entity := cmp.Or(text(in["entity_id"]), text(in["report_id"]))
	f := map[string]any{"rank": in["rank"], "kind": kind, "report_kind": kind, "entity_id": cbiID(entity), "report_id": cbiID(entity)}
	switch _, ok := st.entityTitle(f); {
	case !ok:
		st.fail(w, http.StatusNotFound, "%s %s not found", strings.ReplaceAll(kind, "_", " "), entity)
		return
	case len(st.favorites.order) >= 12:
		st.fail(w, http.StatusConflict, "there are already 12 favorites")
		return
	case st.rankTaken(cbiID(in["rank"]), 0) != nil:
		st.fail(w, http.StatusConflict, "rank %s is taken", text(in["rank"]))
		return
	}
	st.favorites.put(st.id(), f)
	st.answer(w, http.StatusCreated, f)
}

// favorite returns the path's favorite, answering 404 when there is none.
func (st *cbiState) favorite(w http.ResponseWriter, params map[string]string) map[string]any {
	f := st.favorites.get(cbiID(params["id"]))
	if f == nil {
		st.fail(w, http.StatusNotFound, "favorite %s not found", params["id"])
	}
	return f
}

func (st *cbiState) getFavorite(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if f := st.favorite(w, params); f != nil {
		st.answer(w, http.StatusOK, f)
	}
}

// updateFavoriteRank moves a favorite; one already at the new rank takes the old one.
func (st *cbiState) updateFavoriteRank(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.favorite(w, params)
	if f == nil {
		return
	}
	if other := st.rankTaken(cbiID(in["rank"]), cbiID(f["id"])); other != nil {
		other["rank"] = f["rank"]
	}
	f["rank"] = in["rank"]
	st.answer(w, http.StatusOK, f)
}

func (st *cbiState) deleteFavorite(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if f := st.favorite(w, params); f != nil {
		st.favorites.del(cbiID(f["id"]))
		st.noContent(w, http.StatusNoContent)
	}
}

// ---- schedules

// syncSchedules rebuilds the schedule_ids of the reports.
func (st *cbiState) syncSchedules() {
	for _, rep := range st.reports.all() {
		ids := []any{}
		for _, s := range st.schedules.all() {
			list, _ := s["report_ids"].([]any)
			if slices.ContainsFunc(list, func(v any) bool { return cbiID(v) == cbiID(rep["id"]) }) {
				ids = append(ids, s["id"])
			}
		}
		rep["schedule_ids"] = ids
	}
}

func (st *cbiState) listSchedules(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	q := r.URL.Query()
	items := []map[string]any{}
	for _, s := range st.schedules.all() {
		if id := q.Get("id"); id != "" && text(s["id"]) != id {
			continue
		}
		if sub := q.Get("subject"); sub != "" && !strings.Contains(strings.ToLower(text(s["subject"])), strings.ToLower(sub)) {
			continue
		}
		if f := q.Get("frequency"); f != "" && text(s["frequency"]) != f {
			continue
		}
		items = append(items, s)
	}
	cbiSort(items, cmp.Or(q.Get("sort"), "updated_at,desc"))
	st.page(w, r, "schedules", items)
}

// scheduleProblem checks that a schedule's reports exist.
func (st *cbiState) scheduleProblem(w http.ResponseWriter, in map[string]any) bool {
	ids, _ := in["report_ids"].([]any)
	for _, id := range ids {
		if st.reports.get(cbiID(id)) == nil {
			st.fail(w, http.StatusNotFound, "report %s not found", text(id))
			return true
		}
	}
	return false
}

// nextRun is the next whole hour after now.
func (st *cbiState) nextRun() string {
	return st.now().UTC().Truncate(time.Hour).Add(time.Hour).Format(time.RFC3339)
}

func (st *cbiState) createSchedule(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.scheduleProblem(w, in) {
		return
	}
	now := st.timestamp()
	s := map[string]any{"view": "formatted", "format": "xlsx", "report_ids": []any{}}
	for k, v := range in {
		s[k] = v
	}
	s["created_at"], s["updated_at"], s["upcoming_at"] = now, now, st.nextRun()
	s["property_id"], s["user_id"] = cbiID(st.cb.s.creds.CloudbedsPropertyID), st.user["id"]
	st.schedules.put(st.id(), s)
	st.syncSchedules()
	st.answer(w, http.StatusCreated, s)
}

// schedule returns the path's schedule, answering 404 when there is none.
func (st *cbiState) schedule(w http.ResponseWriter, params map[string]string) map[string]any {
	s := st.schedules.get(cbiID(params["schedule_id"]))
	if s == nil {
		st.fail(w, http.StatusNotFound, "schedule %s not found", params["schedule_id"])
	}
	return s
}

func (st *cbiState) getSchedule(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if s := st.schedule(w, params); s != nil {
		st.answer(w, http.StatusOK, s)
	}
}

func (st *cbiState) updateSchedule(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	s := st.schedule(w, params)
	if s == nil || st.scheduleProblem(w, in) {
		return
	}
	for k, v := range in {
		s[k] = v
	}
	s["updated_at"], s["upcoming_at"] = st.timestamp(), st.nextRun()
	st.syncSchedules()
	st.answer(w, http.StatusOK, s)
}

func (st *cbiState) deleteSchedule(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if s := st.schedule(w, params); s != nil {
		st.schedules.del(cbiID(s["id"]))
		st.syncSchedules()
		st.noContent(w, http.StatusNoContent)
	}
}

// ---- tasks

// queueTask returns the handler of a call that queues a background task of the given name: the
// report it names must exist; the task is PENDING in the answer and done when read.
func (st *cbiState) queueTask(name string) opFunc {
	return func(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
		st.mu.Lock()
		defer st.mu.Unlock()
		switch {
		case params["schedule_id"] != "":
			if st.schedule(w, params) == nil {
				return
			}
		case params["report_id"] != "" || params["stock_report_id"] != "":
			if rep, _ := st.report(w, params); rep == nil {
				return
			}
		}
		if ids := r.URL.Query().Get("report_ids"); ids != "" {
			for _, id := range strings.Split(ids, ",") {
				if st.reports.get(cbiID(id)) == nil {
					st.fail(w, http.StatusNotFound, "report %s not found", id)
					return
				}
			}
		}
		st.next++
		id := fmt.Sprintf("5b0e%04x-sbx0-4000-8000-%012x", st.next&0xffff, st.next)
		format := cmp.Or(r.URL.Query().Get("format"), "xlsx")
		file := cmp.Or(r.URL.Query().Get("name"), "Report") + "." + format
		now := st.timestamp()
		st.tasks[id] = map[string]any{"id": id, "name": name, "status": "SUCCESS", "created_at": now,
			"result": map[string]any{"url": "https://exports.sandbox.invalid/" + id + "/" + strings.ReplaceAll(file, " ", "%20"),
				"format": format, "view": cmp.Or(r.URL.Query().Get("view"), "formatted"), "filename": file, "generated_at": now}}
		st.taskOrder = append(st.taskOrder, id)
		st.answer(w, http.StatusOK, map[string]any{"id": id, "status": "PENDING"})
	}
}

// cbiTaskAnswer is a task as getTask answers it.
func cbiTaskAnswer(t map[string]any) map[string]any {
	return map[string]any{"id": t["id"], "status": t["status"], "result": t["result"]}
}

func (st *cbiState) listTasks(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	prop := cbiID(st.cb.s.creds.CloudbedsPropertyID)
	items := []map[string]any{}
	for _, id := range slices.Backward(st.taskOrder) {
		t := st.tasks[id]
		items = append(items, map[string]any{"id": id, "name": t["name"], "property_id": prop, "property_ids": []any{prop},
			"user_id": st.user["id"], "created_at": t["created_at"], "updated_at": t["created_at"]})
	}
	st.page(w, r, "tasks", items)
}

func (st *cbiState) getTask(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	t := st.tasks[params["id"]]
	if t == nil {
		st.fail(w, http.StatusNotFound, "task %s not found", params["id"])
		return
	}
	st.answer(w, http.StatusOK, cbiTaskAnswer(t))
}

func (st *cbiState) getTaskByToken(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	t := st.tasks[st.tokens[params["token"]]]
	if t == nil {
		st.fail(w, http.StatusBadRequest, "unknown or expired token")
		return
	}
	st.answer(w, http.StatusOK, cbiTaskAnswer(t))
}

// ---- property settings

func (st *cbiState) listSettings(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []map[string]any{}
	for _, name := range st.settingOrder {
		out = append(out, map[string]any{"name": name, "value": st.settings[name]})
	}
	st.answer(w, http.StatusOK, out)
}

// cbiSettingChoices are the values each property setting takes.
var cbiSettingChoices = map[string]struct {
	title  string
	values []string
}{
	"start_of_week":                   {"Start of week", []string{"Monday", "Sunday", "Saturday"}},
	"currency_cdf_rounding_precision": {"Currency rounding precision", []string{"0", "1", "2", "3", "4"}},
}

func (st *cbiState) getSetting(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	c := cbiSettingChoices[params["name"]]
	opts := []map[string]any{}
	for _, v := range c.values {
		opts = append(opts, map[string]any{"name": v, "value": v})
	}
	st.answer(w, http.StatusOK, map[string]any{"title": c.title, "type": "PickList", "options": opts})
}

func (st *cbiState) updateSetting(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	name, value := params["name"], text(in["value"])
	if !slices.Contains(cbiSettingChoices[name].values, value) {
		st.fail(w, http.StatusBadRequest, "%q is not a value of %s", value, name)
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.settings[name]; !ok {
		st.settingOrder = append(st.settingOrder, name)
	}
	st.settings[name] = value
	now := st.timestamp()
	st.answer(w, http.StatusOK, map[string]any{"property_id": cbiID(st.cb.s.creds.CloudbedsPropertyID), "name": name, "value": value,
		"user_id": st.user["id"], "created_at": now, "updated_at": now})
}

// ---- search

func (st *cbiState) search(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	var terms []string
	for _, f := range strings.Split(q.Get("filters"), ",") {
		col, val, _ := strings.Cut(f, ":")
		if col != "title" {
			st.fail(w, http.StatusBadRequest, "column %q cannot be searched", col)
			return
		}
		terms = append(terms, strings.ToLower(val))
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	limit := 25
	if l, err := strconv.Atoi(q.Get("limit")); err == nil {
		limit = l
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	hits := func(t *cbiTable, listing func(map[string]any) map[string]any) map[string]any {
		items := []map[string]any{}
		for _, it := range t.all() {
			title := strings.ToLower(text(it["title"]))
			if slices.ContainsFunc(terms, func(s string) bool { return strings.Contains(title, s) }) {
				items = append(items, listing(it))
			}
		}
		start := min(max(offset, 0), len(items))
		end := min(start+max(limit, 0), len(items))
		return map[string]any{"offset": offset, "limit": limit, "total": len(items), "items": items[start:end]}
	}
	out := map[string]any{}
	for _, res := range strings.Split(q.Get("resources"), ",") {
		switch res {
		case "report":
			out["reports"] = hits(st.reports, func(m map[string]any) map[string]any { return st.withCdfs(m, "report") })
		case "stock_report":
			out["stock_reports"] = hits(st.stock, st.listing)
		}
	}
	st.answer(w, http.StatusOK, out)
}

// ---- stock reports

// cbiListingFields are the fields of a stock report lists show.
var cbiListingFields = []string{"id", "title", "description", "dataset_id", "rules", "updated_at", "published", "custom_cdfs", "folder_id", "created_by"}

func (st *cbiState) listing(s map[string]any) map[string]any {
	return project(st.withCdfs(s, "stock_report"), cbiListingFields)
}

func (st *cbiState) listStockReports(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	q := r.URL.Query()
	var folderIDs []string
	if v := q.Get("folder_ids"); v != "" {
		folderIDs = strings.Split(v, ",")
	}
	items := cbiFilter(r, st.stock.all(), func(s map[string]any) bool {
		return folderIDs == nil || slices.Contains(folderIDs, text(s["folder_id"]))
	}, func(s map[string]any) bool {
		return q.Get("published") == "" || text(s["published"]) == q.Get("published")
	})
	for i, s := range items {
		items[i] = st.listing(s)
	}
	cbiSort(items, cmp.Or(q.Get("sort"), "title,asc"))
	st.page(w, r, "stock_reports", items)
}

// revision is a snapshot of a stock report at its next revision number.
func (st *cbiState) revision(s map[string]any) map[string]any {
	id := cbiID(s["id"])
	snap := map[string]any{}
	for k, v := range st.withCdfs(s, "stock_report") {
		snap[k] = v
	}
	snap["stock_report_id"], snap["revision_id"] = id, len(st.revisions[id])+1
	return snap
}

func (st *cbiState) publishStockReport(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	rep := st.reports.get(cbiID(in["report_id"]))
	if rep == nil {
		st.fail(w, http.StatusBadRequest, "report %s does not exist", text(in["report_id"]))
		return
	}
	s := map[string]any{}
	for k, v := range rep {
		if k != "property_id" && k != "custom_cdfs" {
			s[k] = v
		}
	}
	id := st.id()
	s["folder_id"], s["tags"], s["schedule_ids"], s["published"], s["user_id"] = nil, []any{}, []any{}, true, st.user["id"]
	s["updated_at"], s["created_by"] = st.timestamp(), st.user
	s["rules"] = map[string]any{}
	if rules, ok := in["rules"].(map[string]any); ok {
		s["rules"] = rules
	}
	st.stock.put(id, s)
	st.cdfs["stock_report:"+strconv.FormatInt(id, 10)] = newCbiTable() // custom fields are not published with it
	st.revisions[id] = []map[string]any{st.revision(s)}
	st.answer(w, http.StatusCreated, st.withCdfs(s, "stock_report"))
}

func (st *cbiState) getStockReport(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.getReport(w, nil, params, nil)
}

func (st *cbiState) updateStockReport(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	s, _ := st.report(w, params)
	if s == nil {
		return
	}
	st.replace(s, in)
	id := cbiID(s["id"])
	st.revisions[id] = append(st.revisions[id], st.revision(s))
	st.answer(w, http.StatusOK, st.withCdfs(s, "stock_report"))
}

func (st *cbiState) unpublishStockReport(w http.ResponseWriter, r *http.Request, params map[string]string, body []byte) {
	st.deleteReport(w, r, params, body)
}

func (st *cbiState) updateStockReportRules(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	s, _ := st.report(w, params)
	if s == nil {
		return
	}
	s["rules"], s["updated_at"] = in, st.timestamp()
	id := cbiID(s["id"])
	st.revisions[id] = append(st.revisions[id], st.revision(s))
	st.answer(w, http.StatusOK, in)
}

func (st *cbiState) listRevisions(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	s, _ := st.report(w, params)
	if s == nil {
		return
	}
	out := []map[string]any{}
	for _, rev := range st.revisions[cbiID(s["id"])] {
		out = append(out, map[string]any{"stock_report_id": rev["stock_report_id"], "revision_id": rev["revision_id"],
			"user_id": rev["user_id"], "updated_at": rev["updated_at"]})
	}
	st.answer(w, http.StatusOK, out)
}

func (st *cbiState) getRevision(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	revs := st.revisions[cbiID(params["stock_report_id"])]
	n := cbiID(params["revision_id"])
	if n < 1 || n > int64(len(revs)) {
		st.fail(w, http.StatusNotFound, "stock report %s has no revision %d", params["stock_report_id"], n)
		return
	}
	st.answer(w, http.StatusOK, revs[n-1])
}

func (st *cbiState) listStockFolders(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.page(w, r, "folders", st.stockFolders.all())
}

func (st *cbiState) createStockFolder(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	f := map[string]any{"name": in["name"]}
	st.stockFolders.put(st.id(), f)
	st.answer(w, http.StatusCreated, f)
}

// stockFolder returns the path's stock report folder, answering 404 when there is none.
func (st *cbiState) stockFolder(w http.ResponseWriter, params map[string]string) map[string]any {
	f := st.stockFolders.get(cbiID(params["folder_id"]))
	if f == nil {
		st.fail(w, http.StatusNotFound, "stock report folder %s not found", params["folder_id"])
	}
	return f
}

func (st *cbiState) getStockFolder(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if f := st.stockFolder(w, params); f != nil {
		st.answer(w, http.StatusOK, f)
	}
}

func (st *cbiState) addStockReportToFolder(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.read(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.stockFolder(w, params)
	if f == nil {
		return
	}
	s := st.stock.get(cbiID(in["stock_report_id"]))
	if s == nil {
		st.fail(w, http.StatusBadRequest, "stock report %s does not exist", text(in["stock_report_id"]))
		return
	}
	s["folder_id"] = f["id"]
	st.noContent(w, http.StatusCreated)
}

func (st *cbiState) deleteStockFolder(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.stockFolder(w, params)
	if f == nil {
		return
	}
	id := cbiID(f["id"])
	st.stockFolders.del(id)
	for _, s := range st.stock.all() {
		if s["folder_id"] != nil && cbiID(s["folder_id"]) == id {
			s["folder_id"] = nil
		}
	}
	st.noContent(w, http.StatusNoContent)
}

func (st *cbiState) removeStockReportFromFolder(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.stockFolder(w, params)
	if f == nil {
		return
	}
	s := st.stock.get(cbiID(params["stock_report_id"]))
	if s == nil || s["folder_id"] == nil || cbiID(s["folder_id"]) != cbiID(f["id"]) {
		st.fail(w, http.StatusNotFound, "stock report %s is not in folder %s", params["stock_report_id"], params["folder_id"])
		return
	}
	s["folder_id"] = nil
	st.noContent(w, http.StatusNoContent)
}
