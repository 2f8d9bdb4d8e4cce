package hospitality

// The providers' default base URLs, as their generated packages declare them (DefaultServer);
// TestDefaultServers keeps the two in step.
const (
	cloudbedsDefaultServer               = "https://api.cloudbeds.com/api/v1.3"
	cloudbedsaccountingDefaultServer     = "https://api.cloudbeds.com"
	cloudbedsfiscalDefaultServer         = "https://api.cloudbeds.com"
	cloudbedsgroupsDefaultServer         = "https://api.cloudbeds.com"
	cloudbedsguestsDefaultServer         = "https://api.cloudbeds.com"
	cloudbedsinsightsDefaultServer       = "https://api.cloudbeds.com"
	cloudbedspaybylinkDefaultServer      = "https://api.cloudbeds.com/payments/v2"
	cloudbedspaymentelementDefaultServer = "https://api.cloudbeds.com/payments/sdk-api"
	cloudbedstagsDefaultServer           = "https://api.cloudbeds.com"
	cloudbedsv2DefaultServer             = "https://api.cloudbeds.com"
	cloudbedsvaultDefaultServer          = "https://api.payments.cloudbeds.com"
	cobotDefaultServer                   = "https://api.cobot.me"
	cobotv1DefaultServer                 = "https://www.cobot.me"
	kobasDefaultServer                   = "https://api.kobas.co.uk/v3"
	octotableDefaultServer               = "https://api.octotable.com/octotable-pms/api/v2"
)

// cobotSpaceServer is the base URL of Cobot API 1 on a space's own host, as gen/cobotv1's
// NewSpaceServer writes it; subdomain is one DNS label (validSubdomain).
func cobotSpaceServer(subdomain string) string { return "https://" + subdomain + ".cobot.me" }
