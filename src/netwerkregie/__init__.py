"""netwerkregie: map, organise, measure and advise regional care and welfare networks."""
